/**
 * A mail from the watched inbox into the shared inbound pipeline (SPEC §4). The sender is
 * the client (by address); a reply joins the conversation its `In-Reply-To`/`References`
 * name (our own replies carry our Message-IDs, so the client's answer finds them), else the
 * sender's latest one when it is a reply at all; a new mail starts a session named by its
 * subject. Everyone else on the mail (To/Cc, not us) joins the conversation and gets our
 * replies. Idempotent by Message-ID. The quoted history below a reply is not stored again.
 */
import type { IncomingMail, MailboxDelivery, MailboxStatusChange } from '@brix/sdk';
import { receiveInbound } from '../../inbound/pipeline';
import { createClient, findClient } from '../../inbound/client';
import type { Channel } from '../../shared/apps';
import { enumOf } from '../../shared/values';
import { emailSettings } from './settings';

const channelOf = async (key: string) => {
    const id = key.startsWith('mail:') ? key.slice(5) : '';
    const channel = await Namespace.app.channels.search().where((f) => f.__id.eq(id)).first();
    return channel?.data.kind.code === 'email' ? channel : undefined;
};

/** Cuts the quoted history a mail program puts under a reply. */
export function withoutQuote(text: string): string {
    const lines = text.replace(/\r\n/g, '\n').split('\n');
    const cut = lines.findIndex((l, i) => /^On .{3,200} wrote:\s*$/.test(l.trim()) || (/^>/.test(l) && lines.slice(i).every((r) => r.trim() === '' || /^>/.test(r))));
    return (cut >= 0 ? lines.slice(0, cut) : lines).join('\n').trim();
}

/** The session of the first of the mail's referenced ids that we know, newest reference first. */
async function threadOf(channel: Channel, mail: IncomingMail): Promise<string | undefined> {
    const ids = [mail.inReplyTo, ...[...mail.references].reverse()].filter((id): id is string => Boolean(id)).slice(0, 20);
    if (ids.length === 0) return undefined;
    const known = await Namespace.app.messages.search().where((f, g) => g.and(f.channel.eq(channel.id), f.external_message_id.in(ids))).first();
    return known?.data.session.id;
}

const looksLikeReply = (mail: IncomingMail) => Boolean(mail.inReplyTo || mail.references.length || /^\s*(re|aw|sv)\s*:/i.test(mail.subject));

/** Watch script: payload {@link MailboxDelivery}. */
export async function receiveMail(): Promise<void> {
    const { key, mail } = Context.data.payload as unknown as MailboxDelivery;
    const channel = await channelOf(key);
    if (!channel || channel.data.state?.code === 'disconnected' || !mail.from) return;
    const settings = emailSettings(channel);
    // Our own mail (a copy in the inbox, a loop) is not a client's message.
    if (mail.from.address === settings.address) return;
    const others = [...mail.to, ...mail.cc, ...mail.replyTo].map((a) => a.address)
        .filter((a, i, all) => a !== settings.address && a !== mail.from!.address && all.indexOf(a) === i).slice(0, 20);
    const sessionId = await threadOf(channel, mail);
    const text = withoutQuote(mail.text).slice(0, 100_000);
    const attachments = mail.attachments.map((f) => ({ name: f.name, url: `/api/files/${f.id}`, size: f.size }));
    const subject = mail.subject.trim() || '(no subject)';
    const result = await receiveInbound({
        channel,
        externalMessageId: mail.messageId ?? `uid:${mail.uid}:${mail.date ?? ''}`,
        externalChatId: [mail.from.address, ...others].join(', '),
        externalChatName: subject.slice(0, 200),
        sender: { externalUserId: mail.from.address },
        senderName: mail.from.name || mail.from.address,
        text: text || (attachments.length ? '' : '(empty mail)'),
        attachments,
        profile: { displayName: mail.from.name || mail.from.address, email: mail.from.address },
        thread: sessionId ? { sessionId } : looksLikeReply(mail) ? undefined : 'new',
    });
    if (result.duplicate || others.length === 0) return;
    // The other recipients are clients of the conversation too.
    await System.transaction(async () => {
        const session = await result.message.data.session.fetch();
        const refs = [...(session.data.clients ?? [])];
        for (const address of others) {
            const sender = { externalUserId: address };
            const client = (await findClient(channel, sender)) ?? (await createClient(channel, sender, address, { email: address }));
            if (!refs.some((r) => r.id === client.id)) refs.push(client.getRef());
        }
        session.data.clients = refs;
        await session.save();
    });
}

/** Watch status script: payload {@link MailboxStatusChange}. */
export async function mailboxStatus(): Promise<void> {
    const { key, state, error } = Context.data.payload as unknown as MailboxStatusChange;
    const channel = await channelOf(key);
    if (!channel || channel.data.state?.code === 'disconnected') return;
    channel.data.state = enumOf(state === 'connected' ? 'active' : 'error');
    channel.data.last_error = state === 'connected' ? null : `The IMAP server: ${error ?? 'unknown error'}`;
    await channel.save();
}
