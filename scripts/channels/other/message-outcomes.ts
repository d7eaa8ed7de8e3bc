/**
 * `messageOutcome` (SPEC §4): the messenger is told each inbound message was stored, so it
 * stops retrying it. The message row itself says a notice is due (`outcome_due`, written
 * with the message), and one timer per channel sends every due notice of that channel, so
 * an inbound message costs no timer of its own and a burst becomes one run. The notice is
 * advisory: after a few failed rounds the channel's due notices are given up, and a
 * messenger that sends a message again is answered 200 and stores nothing twice.
 */
import { readSettings } from '../../settings/global-settings';
import { callMessenger } from './messenger-call';

const MAX_ROUNDS = 5;
const PAGE = 200;

interface OutcomesPayload {
    channelId: string;
    round: number;
}

/** Arms the channel's notice run (now, or after `delayMs`); a run already armed is simply moved. */
export async function scheduleMessageOutcomes(channelId: string, round = 1, delayMs = 0): Promise<void> {
    const payload: OutcomesPayload = { channelId, round };
    await System.timers.set(`messageOutcome:${channelId}`, new TDatetime(Date.now() + delayMs), 'sendMessageOutcomes', { ...payload }, { serialKey: `channel:${channelId}` });
}

const dueOn = (channelId: string) => Namespace.app.messages.search()
    .where((f, g) => g.and(f.channel.eq(channelId), f.outcome_due.eq(true))).sort('__createdAt').size(PAGE);

/** Timer script: sends the channel's due notices, oldest first, until none is left or the messenger fails. */
export async function sendMessageOutcomes(): Promise<void> {
    const p = Context.data.payload as unknown as OutcomesPayload;
    const channel = await Namespace.app.channels.search().where((f) => f.__id.eq(p.channelId)).first();
    for (let due = await dueOn(p.channelId).all(); due.length; due = await dueOn(p.channelId).all()) {
        for (const message of due) {
            const sent = channel && await callMessenger(channel, 'messageOutcome', { success: true, messageId: message.data.external_message_id })
                .then((res) => res.status === 200, () => false);
            if (!sent && channel && p.round < MAX_ROUNDS) {
                const { delivery_retry_base_ms: base } = await readSettings();
                await scheduleMessageOutcomes(p.channelId, p.round + 1, base * 2 ** (p.round - 1));
                return;
            }
            message.data.outcome_due = false;
            await message.save();
        }
    }
}
