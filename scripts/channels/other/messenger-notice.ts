/**
 * `markAsRead` when an operator reads a message: advisory, but it must survive a restart
 * and never block anything. Sent by a durable timer after the write commits, retried a
 * few times with backoff. (`messageOutcome` has its own, coalesced per channel:
 * message-outcomes.ts.)
 */
import type { TJSON } from '@brix/sdk';
import { readSettings } from '../../settings/global-settings';
import { callMessenger } from './messenger-call';

const MAX_ATTEMPTS = 5;

interface NoticePayload {
    channelId: string;
    type: 'markAsRead';
    data: { [key: string]: TJSON };
    attempt: number;
}

/** Queues `type` with `data` for the channel's messenger; one notice per message and type. */
export async function scheduleMessengerNotice(channelId: string, type: NoticePayload['type'], data: NoticePayload['data'], attempt = 1, delayMs = 0): Promise<void> {
    const payload: NoticePayload = { channelId, type, data, attempt };
    await System.timers.set(`${type}:${channelId}:${String(data.messageId)}`, new TDatetime(Date.now() + delayMs), 'sendMessengerNotice', { ...payload });
}

/** Timer script. */
export async function sendMessengerNotice(): Promise<void> {
    const p = Context.data.payload as unknown as NoticePayload;
    const channel = await Namespace.app.channels.search().where((f) => f.__id.eq(p.channelId)).first();
    if (!channel) return;
    const delivered = await callMessenger(channel, p.type, p.data).then((res) => res.status === 200, () => false);
    if (!delivered && p.attempt < MAX_ATTEMPTS) {
        const { delivery_retry_base_ms: base } = await readSettings();
        await scheduleMessengerNotice(p.channelId, p.type, p.data, p.attempt + 1, base * 2 ** (p.attempt - 1));
    }
}
