/**
 * Delivers a session's undelivered replies to the messenger, oldest first, so the client
 * reads them in order. On failure the rest wait and a durable timer retries with doubling
 * delays; after `delivery_max_attempts` the reply is Not delivered and stops holding up
 * the chat until the operator's Retry. Every request carries the reply's id as
 * `data.messageId`: a reply whose 200 was lost (a timeout, a crash) is sent again, and the
 * bridge drops the repeat. Files go as signed links the messenger can fetch without signing in.
 */
import { readSettings } from '../../settings/global-settings';
import type { Line, Message } from '../../shared/apps';
import { publishMessageChange } from '../../shared/publish';
import { enumOf } from '../../shared/values';
import { outboundFiles } from '../outbound-files';
import { callMessenger } from './messenger-call';

/**
 * Arms (or re-arms) the session's delivery timer. Serial per chat: whatever is sent to one
 * chat goes in order, while other chats' deliveries run beside it.
 */
export async function scheduleDelivery(sessionId: string, delayMs = 0): Promise<void> {
    await System.timers.set(`deliver:${sessionId}`, new TDatetime(Date.now() + delayMs), 'deliverPendingReplies', { sessionId }, { serialKey: `chat:${sessionId}` });
}

async function attempt(message: Message, targetChatId: string): Promise<boolean> {
    const channel = await message.data.channel!.fetch();
    if (channel.data.state?.code === 'disconnected') return false;
    try {
        const files = await outboundFiles(message.data.attachments);
        const res = await callMessenger(channel, 'message', { targetChatId, text: message.data.text ?? '', files, messageId: message.id });
        return res.status === 200;
    } catch {
        return false;
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
        if (!(await deliverInOrder(pending, session.data.external_chat_id ?? '', line))) return;
    }
}

/**
 * Sends the replies in order. On a failure that leaves attempts, arms a retry and answers
 * false; a reply out of attempts becomes failed and the ones after it go on.
 */
async function deliverInOrder(pending: Message[], targetChatId: string, line: Line): Promise<boolean> {
    const sessionId = pending[0].data.session.id;
    const settings = await readSettings();
    for (const message of pending) {
        const delivered = await attempt(message, targetChatId);
        const attempts = (message.data.delivery_attempts ?? 0) + 1;
        const givenUp = !delivered && attempts >= settings.delivery_max_attempts;
        message.data.delivery_attempts = attempts;
        message.data.delivery_state = enumOf(delivered ? 'delivered' : givenUp ? 'failed' : 'pending');
        await message.save();
        await publishMessageChange(line, sessionId, message);
        if (!delivered && !givenUp) {
            await scheduleDelivery(sessionId, Math.min(settings.delivery_retry_base_ms * 2 ** (attempts - 1), settings.delivery_retry_max_ms));
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
