/**
 * One attempt to deliver a reply to a Telegram chat: the text with `sendMessage`, then each
 * file, uploaded (multipart) when the platform stores it — images with `sendPhoto`, others
 * with `sendDocument` — or passed as a link otherwise. The text's message id is kept for
 * edits. Telegram has no idempotency key: what was already sent of a reply is remembered on
 * it, so a retry after a partial failure sends only the rest.
 */
import type { FetchMultipartBody, TJSON } from '@brix/sdk';
import type { Message as TgMessage } from '@grammyjs/types';
import type { Attachment } from '../../messages/attachments';
import type { Channel, Message, Session } from '../../shared/apps';
import type { SendOutcome } from '../adapters';
import { failedOutcome, unreachable } from './answer-outcome';
import { textWithOperatorName } from '../operator-name';
import { callBot, type BotAnswer } from './bot-api';

const hostFile = /^\/api\/files\/([0-9a-f-]{36})$/;
const imageTypes = /^image\/(jpeg|png|gif|webp)$/;

async function fileCall(channel: Channel, chatId: string, file: Attachment): Promise<BotAnswer<TgMessage>> {
    const id = hostFile.exec(file.url)?.[1];
    if (!id) return callBot<TgMessage>(channel, 'sendDocument', { chat_id: chatId, document: file.url });
    const stored = await System.files.read(id);
    const field = imageTypes.test(stored.contentType) ? 'photo' : 'document';
    const form: FetchMultipartBody = { multipart: [
        { name: 'chat_id', value: chatId },
        { name: field, file: { name: file.name, content: stored.content, contentType: stored.contentType } },
    ] };
    return callBot<TgMessage>(channel, field === 'photo' ? 'sendPhoto' : 'sendDocument', form, 60_000);
}

/** Steps already done for this reply: `text`, then `file:<n>`. */
function doneSteps(message: Message): string[] {
    const progress = message.data.delivery_progress;
    return Array.isArray(progress) ? progress.filter((s): s is string => typeof s === 'string') : [];
}

export async function sendReply(channel: Channel, session: Session, message: Message): Promise<SendOutcome> {
    const chatId = session.data.external_chat_id ?? '';
    const files = (Array.isArray(message.data.attachments) ? message.data.attachments : []) as unknown as Attachment[];
    const text = await textWithOperatorName(session, message);
    const done = doneSteps(message);
    let externalId = message.data.external_message_id ?? undefined;
    const mark = async (step: string) => {
        done.push(step);
        message.data.delivery_progress = done as TJSON;
        await message.save();
    };
    try {
        if (text.trim() && !done.includes('text')) {
            const sent = await callBot<TgMessage>(channel, 'sendMessage', { chat_id: chatId, text });
            if (!sent.ok) return failedOutcome(sent);
            externalId = `${chatId}:${sent.result.message_id}`;
            message.data.external_message_id = externalId;
            await mark('text');
        }
        for (const [i, file] of files.entries()) {
            if (done.includes(`file:${i}`)) continue;
            const sent = await fileCall(channel, chatId, file);
            if (!sent.ok) return failedOutcome(sent);
            await mark(`file:${i}`);
        }
    } catch (e) {
        return unreachable(e);
    }
    return { ok: true, externalId };
}
