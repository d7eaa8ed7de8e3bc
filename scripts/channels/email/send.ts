/**
 * One attempt to deliver a reply by e-mail: to everyone on the conversation, subject
 * "Re: <subject>", our own Message-ID (the same on every retry, and kept so the client's
 * answer threads back), `In-Reply-To` the client's last mail and `References` the
 * conversation's ids, so the client's mail program files it under the thread. The body is
 * the reply, the channel's signature and the quoted last client mail (templates/emails/reply.hbs).
 */
import { ofSessions } from '../../messages/sequence';
import type { Channel, Message, Session } from '../../shared/apps';
import replyLayout from '../../../templates/emails/reply.hbs';
import type { SendOutcome } from '../adapters';
import { shownOperatorName } from '../operator-name';
import { emailSettings } from './settings';

const hostFile = /^\/api\/files\/([0-9a-f-]{36})$/;
const isMessageId = (id: string | null | undefined): id is string => Boolean(id && /^<[^<>\s]+@[^<>\s]+>$/.test(id));

/** The From of a reply: the operator's display name with the live chat's address when the live chat shows names. */
async function fromOperator(from: string, address: string, session: Session, message: Message): Promise<string> {
    const operator = await shownOperatorName(session, message);
    // A display name may not break out of its quotes or the header.
    return operator ? `"${operator.replace(/["\\\r\n]/g, ' ').trim()}" <${address}>` : from;
}

/** For a session of another channel answered by e-mail: to whom, and what the visitor wrote to. */
export interface MailOptions {
    to: readonly string[];
    subject: string;
}

/**
 * @param channel the e-mail channel the mail goes out through.
 * @param options for a session of another channel; a mail conversation's own recipients and subject when not given.
 */
export async function sendMail(channel: Channel, session: Session, message: Message, options?: MailOptions): Promise<SendOutcome> {
    const settings = emailSettings(channel);
    const recipients = options?.to ?? (session.data.external_chat_id ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    const domain = settings.address.split('@')[1] || 'localhost';
    const messageId = `<${message.id}@${domain}>`;
    // The thread's order, not time: a reply stored in the same millisecond as the mail it answers still follows it.
    const seq = message.data.seq ?? Number.MAX_SAFE_INTEGER;
    const earlier = await Namespace.app.messages.search()
        .where((f, g) => g.and(...ofSessions(f, [session]), f.seq.lt(seq)))
        .sort('seq', false).size(50).all();
    const ids = earlier.map((m) => m.data.external_message_id).filter(isMessageId).reverse().slice(-20);
    const lastClient = earlier.find((m) => m.data.author_kind.code === 'client');
    const author = lastClient?.data.client ? await lastClient.data.client.fetch().catch(() => undefined) : undefined;
    const subject = options?.subject ?? (session.data.external_chat_name || session.data.__name);
    const files = (Array.isArray(message.data.attachments) ? message.data.attachments : []) as { url?: string }[];
    const text = replyLayout({
        text: message.data.text ?? '',
        signature: settings.signature,
        quoted: lastClient ? {
            date: lastClient.data.__createdAt.format('yyyy-MM-dd HH:mm', 'UTC'),
            author: author?.data.__name ?? 'you',
            lines: (lastClient.data.text ?? '').split(/\r?\n/),
        } : null,
    });
    try {
        await System.mailboxes.send(settings.smtp, {
            from: await fromOperator(settings.from, settings.address, session, message),
            to: [...recipients],
            subject: /^\s*re\s*:/i.test(subject) ? subject : `Re: ${subject}`,
            text,
            messageId,
            inReplyTo: isMessageId(lastClient?.data.external_message_id) ? lastClient!.data.external_message_id! : undefined,
            references: ids,
            attachments: files.map((f) => hostFile.exec(f.url ?? '')?.[1]).filter((id): id is string => Boolean(id)).map((fileId) => ({ fileId })),
        });
    } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        return { ok: false, error, permanent: (e as { code?: string }).code === 'VALIDATION_FAILED' };
    }
    return { ok: true, externalId: messageId };
}
