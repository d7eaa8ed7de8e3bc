/**
 * Tells the messenger an inbound message is stored (`messageOutcome`), so it stops
 * retrying. Sent by a durable timer after the write commits; retried a few times, since
 * a messenger that misses it only re-sends a message we store once anyway.
 */
import { readSettings } from '../../settings/global-settings';
import { callMessenger } from './messenger-call';

const MAX_ATTEMPTS = 5;

interface OutcomePayload {
    channelId: string;
    messageId: string;
    success: boolean;
    attempt: number;
}

export async function scheduleMessageOutcome(channelId: string, messageId: string, success: boolean, attempt = 1, delayMs = 0): Promise<void> {
    const payload: OutcomePayload = { channelId, messageId, success, attempt };
    await System.timers.set(`outcome:${channelId}:${messageId}`, new TDatetime(Date.now() + delayMs), 'sendMessageOutcome', { ...payload });
}

/** Timer script. */
export async function sendMessageOutcome(): Promise<void> {
    const p = Context.data.payload as unknown as OutcomePayload;
    const channel = await Namespace.app.channels.search().where((f) => f.__id.eq(p.channelId)).first();
    if (!channel) return;
    let ok = false;
    try {
        ok = (await callMessenger(channel, 'messageOutcome', { success: p.success, messageId: p.messageId })).status === 200;
    } catch {
        ok = false;
    }
    if (!ok && p.attempt < MAX_ATTEMPTS) {
        const { delivery_retry_base_ms: base } = await readSettings();
        await scheduleMessageOutcome(p.channelId, p.messageId, p.success, p.attempt + 1, base * 2 ** (p.attempt - 1));
    }
}
