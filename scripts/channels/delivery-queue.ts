/**
 * Delivers a session's undelivered replies over its channel, oldest first, so the client
 * reads them in order; the channel's adapter does the sending. On failure the rest wait and
 * a durable timer retries with doubling delays (or when the peer says, e.g. Telegram's 429
 * `retry_after`); after `delivery_max_attempts`, or at once when the peer refuses for good,
 * the reply is Not delivered and stops holding up the chat until the operator's Retry.
 */
import { readSettings } from '../settings/global-settings';
import type { Line, Message, Session } from '../shared/apps';
import { publishMessageChange } from '../shared/publish';
import { enumOf } from '../shared/values';
import { adapterOf, type SendOutcome } from './adapters';

/**
 * Arms (or re-arms) the session's delivery timer. Serial per chat: whatever is sent to one
 * chat goes in order, while other chats' deliveries run beside it.
 */
export async function scheduleDelivery(sessionId: string, delayMs = 0): Promise<void> {
    await System.timers.set(`deliver:${sessionId}`, new TDatetime(Date.now() + delayMs), 'deliverPendingReplies', { sessionId }, { serialKey: `chat:${sessionId}` });
}

async function attempt(message: Message, session: Session): Promise<SendOutcome> {
    const channel = await message.data.channel!.fetch();
    if (channel.data.state?.code === 'disconnected') return { ok: false, error: 'The channel is switched off' };
    try {
        return await adapterOf(channel).send(channel, session, message);
    } catch (e) {
        return { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
}

/** Timer script; payload `{ sessionId }`. */
export async function deliverPendingReplies(): Promise<void> {
    const { sessionId } = Context.data.payload as { sessionId: string };
    const session = await Namespace.app.sessions.search().where((f) => f.__id.eq(sessionId)).first();
    if (!session) return;
    const line = await session.data.line.fetch();
    // Re-read until nothing is left, so a reply stored while this run was sending is not
    // left waiting for a timer that this run's end may have cleared.
    for (;;) {
        const pending = await Namespace.app.messages.search()
            .where((f, g) => g.and(f.session.eq(sessionId), f.delivery_state.eq('pending')))
            .sort('__createdAt').size(100).all();
        if (pending.length === 0) return;
        if (!(await deliverInOrder(pending, session, line))) return;
    }
}

/**
 * Sends the replies in order. On a failure that leaves attempts, arms a retry and answers
 * false; a reply out of attempts becomes failed and the ones after it go on.
 */
async function deliverInOrder(pending: Message[], session: Session, line: Line): Promise<boolean> {
    const settings = await readSettings();
    for (const message of pending) {
        const outcome = await attempt(message, session);
        const attempts = (message.data.delivery_attempts ?? 0) + 1;
        const givenUp = !outcome.ok && (outcome.permanent === true || attempts >= settings.delivery_max_attempts);
        message.data.delivery_attempts = attempts;
        message.data.delivery_state = enumOf(outcome.ok ? 'delivered' : givenUp ? 'failed' : 'pending');
        message.data.delivery_error = outcome.ok ? null : outcome.error.slice(0, 1000);
        if (outcome.ok && outcome.externalId) message.data.external_message_id = outcome.externalId;
        await message.save();
        await publishMessageChange(line, session.id, message);
        if (!outcome.ok && !givenUp) {
            const backoff = Math.min(settings.delivery_retry_base_ms * 2 ** (attempts - 1), settings.delivery_retry_max_ms);
            await scheduleDelivery(session.id, Math.max(backoff, outcome.retryAfterMs ?? 0));
            return false;
        }
    }
    return true;
}

/**
 * Gives failed replies a fresh set of attempts and sends every undelivered reply of their
 * sessions now: the operator's Retry, a channel's Reconnect.
 */
export async function retryUndelivered(messages: Message[]): Promise<void> {
    const sessions = new Set<string>();
    for (const message of messages) {
        const state = message.data.delivery_state?.code;
        if (state !== 'pending' && state !== 'failed') continue;
        if (state === 'failed') {
            message.data.delivery_state = enumOf('pending');
            message.data.delivery_attempts = 0;
            await message.save();
        }
        sessions.add(message.data.session.id);
    }
    for (const sessionId of sessions) await scheduleDelivery(sessionId);
}
