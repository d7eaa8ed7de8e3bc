/**
 * Long polling of a Telegram bot: one durable timer per channel runs `getUpdates` with the
 * stored `offset`, hands each update to the inbound pipeline, stores the next offset after
 * each one, and sets itself again. The timer and the offset survive restarts; an update
 * handled but not yet acknowledged is fetched again and dropped as a duplicate, so none is
 * skipped and none stored twice. Errors back off (429 `retry_after`, 5xx, no network) and
 * show on the channel until polling works again.
 */
import type { Update } from '@grammyjs/types';
import type { Channel } from '../../shared/apps';
import { enumOf } from '../../shared/values';
import { callBot, telegramSettings } from './bot-api';
import { receiveUpdate } from './receive-update';

const MAX_BACKOFF_MS = 60_000;
const timerKey = (channelId: string) => `telegram-poll:${channelId}`;
const offsetKey = (channelId: string) => `telegram-offset:${channelId}`;

export async function startPolling(channelId: string, failures = 0, delayMs = 0): Promise<void> {
    await System.timers.set(timerKey(channelId), new TDatetime(Date.now() + delayMs), 'pollTelegram', { channelId, failures }, { serialKey: timerKey(channelId) });
}

export async function stopPolling(channelId: string): Promise<void> {
    await System.timers.cancel(timerKey(channelId));
}

async function showState(channel: Channel, error: string | null): Promise<void> {
    const fresh = await Namespace.app.channels.search().where((f) => f.__id.eq(channel.id)).first();
    if (!fresh || fresh.data.state?.code === 'disconnected') return;
    if ((fresh.data.state?.code === 'error') === Boolean(error) && fresh.data.last_error === error) return;
    fresh.data.state = enumOf(error ? 'error' : 'active');
    fresh.data.last_error = error;
    await fresh.save();
}

async function retryLater(channel: Channel, failures: number, error: string, waitMs?: number): Promise<void> {
    await showState(channel, error);
    await startPolling(channel.id, failures + 1, waitMs ?? Math.min(1000 * 2 ** failures, MAX_BACKOFF_MS));
}

/** Timer script; payload `{ channelId, failures }`. */
export async function pollTelegram(): Promise<void> {
    const { channelId, failures } = Context.data.payload as { channelId: string; failures: number };
    const channel = await Namespace.app.channels.search().where((f) => f.__id.eq(channelId)).first();
    if (!channel || channel.data.kind.code !== 'telegram' || channel.data.state?.code === 'disconnected') return;
    const { mode, pollTimeout } = telegramSettings(channel);
    if (mode !== 'polling') return;
    const stored = await Namespace.storage.getItem(offsetKey(channelId));
    const offset = typeof stored === 'number' ? stored : 0;
    let answer;
    try {
        answer = await callBot<Update[]>(channel, 'getUpdates', { offset, timeout: pollTimeout, allowed_updates: ['message'] }, (pollTimeout + 15) * 1000);
    } catch (e) {
        return retryLater(channel, failures, `Telegram cannot be reached: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!answer.ok) {
        const wait = answer.status === 429 ? (answer.parameters?.retry_after ?? 1) * 1000 : undefined;
        return retryLater(channel, failures, `Telegram answered ${answer.status} to getUpdates: ${answer.description}`, wait);
    }
    for (const update of answer.result.sort((a, b) => a.update_id - b.update_id)) {
        if (update.update_id < offset) continue;
        try {
            await receiveUpdate(channel, update);
        } catch (e) {
            // Not acknowledged: fetched again on the next run.
            return retryLater(channel, failures, `An update could not be stored: ${e instanceof Error ? e.message : String(e)}`);
        }
        await Namespace.storage.setItem(offsetKey(channelId), update.update_id + 1);
    }
    await showState(channel, null);
    await startPolling(channelId);
}
