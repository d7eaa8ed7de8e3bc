/**
 * The one inbound path for every channel (SPEC §3.2, §4): normalise → find or create the
 * client (asking the messenger about unknown users) → check the blocklist → resume or
 * create the session → store → route → notify → events. A blocked client's message is
 * stored and acknowledged like any other, in a session that is spam from the start (SPEC
 * §5). Idempotent by (channel, external message id), and the whole write commits in one
 * transaction before the caller answers the channel.
 */
import { senderVerdict } from '../blocklist/client-verdict';
import { requestUserInfo, type MessengerProfile } from '../channels/other/user-info';
import { scheduleMessageOutcomes } from '../channels/other/message-outcomes';
import { appendMessage } from '../messages/append';
import type { Attachment } from '../messages/attachments';
import { routeSession } from '../routing/route-session';
import { loadLine } from '../sessions/load';
import type { Channel, Message } from '../shared/apps';
import { noticeNewSession } from '../shared/notices';
import { emitEvent, publishToStaff } from '../shared/publish';
import { sessionView } from '../shared/views';
import { clientWrote } from '../sla/session-clocks';
import { createClient, findClient, type Sender } from './client';
import { openSession } from './open-session';

export interface InboundMessage {
    channel: Channel;
    /** The channel's id of the message; repeated ids are stored once. */
    externalMessageId: string | null;
    externalChatId: string | null;
    externalChatName: string | null;
    sender: Sender;
    /** Shown as the client's name when the channel tells nothing better. */
    senderName: string;
    text: string;
    attachments: Attachment[];
    /** What the channel itself tells about the sender (a Telegram username, a mail address); an arbitrary messenger is asked instead. */
    profile?: MessengerProfile;
    /**
     * Where the message goes when the channel knows better than "the sender's latest session":
     * a session found by mail headers, or `'new'` for a mail that starts a conversation.
     */
    thread?: { sessionId: string } | 'new';
}

export interface InboundResult {
    message: Message;
    duplicate: boolean;
}

async function duplicateOf(msg: InboundMessage): Promise<Message | undefined> {
    if (!msg.externalMessageId) return undefined;
    const id = msg.externalMessageId;
    return Namespace.app.messages.search().where((f, g) => g.and(f.channel.eq(msg.channel.id), f.external_message_id.eq(id))).first();
}

export async function receiveInbound(msg: InboundMessage): Promise<InboundResult> {
    const { channel } = msg;
    const external = channel.data.kind.code === 'other';
    let profile: MessengerProfile | undefined = msg.profile;
    // A known client is looked up once; an unknown one is asked about outside the transaction (no lock held over the network).
    const known = await findClient(channel, msg.sender);
    if (external && 'externalUserId' in msg.sender && !known && !(await duplicateOf(msg))) {
        profile = await requestUserInfo(channel, msg.sender.externalUserId);
    }
    // Outside the transaction: a rebuild of the matcher after a blocklist change holds no lock.
    const verdict = await senderVerdict(channel.data.line.id, msg.sender, known, profile);
    // The messenger is told the outcome by the channel's notice run, armed in the same commit
    // as the message that makes a notice due: a crash cannot leave one due with no run armed.
    const tellOutcome = external && Boolean(msg.externalMessageId);
    return System.transaction(async (): Promise<InboundResult> => {
        const existing = await duplicateOf(msg);
        if (existing) {
            // The messenger sent it again, so it missed the outcome: tell it again.
            if (external && !existing.data.outcome_due) {
                existing.data.outcome_due = true;
                await existing.save();
            }
            if (tellOutcome) await scheduleMessageOutcomes(channel.id);
            return { message: existing, duplicate: true };
        }
        const line = await loadLine(channel.data.line.id);
        const client = known ?? (await findClient(channel, msg.sender)) ?? (await createClient(channel, msg.sender, msg.senderName, profile));
        const chat = { id: msg.externalChatId, name: msg.externalChatName };
        const { session, created, resumed } = await openSession(line, channel, client, chat, { thread: msg.thread, blockedBy: verdict.blocked ? verdict.entry : null });
        const spam = session.data.state.code === 'marked_as_spam';
        // Only a session with an SLA does anything here; the message's own save stores the clock.
        if (!created && !resumed) await clientWrote(session);
        const message = await appendMessage(session, line, {
            authorKind: 'client', client, text: msg.text, attachments: msg.attachments,
            externalMessageId: msg.externalMessageId, outcomeDue: tellOutcome,
            startsWait: created || resumed,
        });
        if (created && !spam) {
            await publishToStaff(line, 'session_created', { session: sessionView(session) });
            await emitEvent('session_created', { session: session.id, line: line.id, client: client.id });
        }
        if ((created || resumed) && !spam) {
            await routeSession(session, line, client, channel);
            // One notice per new or resumed session, to whom routing made it concern.
            await noticeNewSession(line, session);
        }
        if (tellOutcome) await scheduleMessageOutcomes(channel.id);
        return { message, duplicate: false };
    });
}
