/**
 * One Telegram update into the shared inbound pipeline, from the webhook or from polling.
 * One Telegram chat is one client (named after the chat, with its username). Photos and
 * documents are fetched through `getFile` and stored by the platform, since Telegram's
 * file links carry the bot token. Idempotent: the message is keyed by chat and message id,
 * so an update delivered twice (a webhook retry, a poll repeated after a restart) is stored once.
 */
import type { Chat, Message as TgMessage, Update, File as TgFile } from '@grammyjs/types';
import { receiveInbound } from '../../inbound/pipeline';
import type { Attachment } from '../../messages/attachments';
import type { Channel } from '../../shared/apps';
import { callBot, downloadFile } from './bot-api';

/** The files of a message: the largest size of a photo, a document with its own name. */
function filesOf(m: TgMessage): { fileId: string; name: string; type?: string }[] {
    const files: { fileId: string; name: string; type?: string }[] = [];
    if (m.photo?.length) {
        const largest = m.photo.reduce((a, b) => ((b.file_size ?? b.width * b.height) > (a.file_size ?? a.width * a.height) ? b : a));
        files.push({ fileId: largest.file_id, name: `photo-${m.message_id}.jpg`, type: 'image/jpeg' });
    }
    if (m.document) files.push({ fileId: m.document.file_id, name: m.document.file_name || `document-${m.message_id}`, type: m.document.mime_type });
    return files;
}

async function storeFile(channel: Channel, file: { fileId: string; name: string; type?: string }): Promise<Attachment> {
    const info = await callBot<TgFile>(channel, 'getFile', { file_id: file.fileId });
    if (!info.ok || !info.result.file_path) throw new Error(`getFile failed: ${info.ok ? 'no file path' : info.description}`);
    const content = await downloadFile(channel, info.result.file_path);
    const stored = await System.files.create(file.name, content, file.type);
    return { name: stored.name, url: `/api/files/${stored.id}`, size: stored.size };
}

function chatName(chat: Chat): string {
    if (chat.type === 'private') return [chat.first_name, chat.last_name].filter(Boolean).join(' ') || chat.username || String(chat.id);
    return chat.title || String(chat.id);
}

/** @returns false when the update carries nothing for the live chat (a join, an edit...). */
export async function receiveUpdate(channel: Channel, update: Update): Promise<boolean> {
    const m = update.message;
    if (!m) return false;
    const files = filesOf(m);
    const text = m.text ?? m.caption ?? '';
    if (!text.trim() && files.length === 0) return false;
    const chatId = String(m.chat.id);
    const externalMessageId = `${chatId}:${m.message_id}`;
    const stored = await Namespace.app.messages.search().where((f, g) => g.and(f.channel.eq(channel.id), f.external_message_id.eq(externalMessageId))).first();
    if (stored) return true;
    const attachments: Attachment[] = [];
    for (const file of files) attachments.push(await storeFile(channel, file));
    const name = chatName(m.chat);
    const username = ('username' in m.chat ? m.chat.username : undefined) ?? (m.chat.type === 'private' ? m.from?.username : undefined);
    await receiveInbound({
        channel, externalMessageId, externalChatId: chatId, externalChatName: name,
        sender: { externalUserId: chatId }, senderName: name, text: text.slice(0, 100_000), attachments,
        profile: { displayName: name, ...(username ? { username } : {}) },
    });
    return true;
}
