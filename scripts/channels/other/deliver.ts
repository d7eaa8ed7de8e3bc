/**
 * Delivers a session's undelivered replies to the messenger, oldest first, so the client
 * reads them in order. A reply is sent until the messenger answers 200 — never dropped:
 * on failure the rest wait and a durable timer retries with doubling delays. After three
 * failed attempts the reply shows as failed in the thread, and retries go on.
 */
import { readSettings } from '../../settings/global-settings';
import type { Line, Message } from '../../shared/apps';
import { publishToStaff } from '../../shared/publish';
import { enumOf } from '../../shared/values';
import { messageView } from '../../shared/views';
import { callMessenger } from './messenger-call';

const SHOWN_FAILED_AFTER = 3;

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
    const files = ((message.data.attachments ?? []) as { name: string; size?: number; url: string }[])
        .map((f) => ({ name: f.name, size: f.size ?? 0, URL: f.url }));
    try {
        const res = await callMessenger(channel, 'message', { targetChatId, text: message.data.text ?? '', files });
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
            .where((f, g) => g.and(f.session.eq(sessionId), f.delivery_state.in(['pending', 'failed'])))
            .sort('__createdAt').size(100).all();
        if (pending.length === 0) return;
        if (!(await deliverInOrder(pending, session.data.external_chat_id ?? '', line))) return;
    }
}

/** Sends the replies in order; on the first failure arms a retry and answers false. */
async function deliverInOrder(pending: Message[], targetChatId: string, line: Line): Promise<boolean> {
    const sessionId = pending[0].data.session.id;
    for (const message of pending) {
        const delivered = await attempt(message, targetChatId);
        const attempts = (message.data.delivery_attempts ?? 0) + 1;
        message.data.delivery_attempts = attempts;
        message.data.delivery_state = enumOf(delivered ? 'delivered' : attempts >= SHOWN_FAILED_AFTER ? 'failed' : 'pending');
        await message.save();
        await publishToStaff(line, 'message_updated', { session: sessionId, message: messageView(message) });
        if (!delivered) {
            const { delivery_retry_base_ms: base, delivery_retry_max_ms: max } = await readSettings();
            await scheduleDelivery(sessionId, Math.min(base * 2 ** (attempts - 1), max));
            return false;
        }
    }
    return true;
}
