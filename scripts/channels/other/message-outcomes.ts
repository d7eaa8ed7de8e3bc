/**
 * `messageOutcome` (SPEC §4): the messenger is told each inbound message was stored, so it
 * stops retrying it. The message row itself says a notice is due (`outcome_due`, written
 * with the message), and one timer per channel sends every due notice of that channel, so
 * an inbound message costs no timer of its own and a burst becomes one run. The notice is
 * advisory: after a few failed rounds the channel's due notices are given up, and a
 * messenger that sends a message again is answered 200 and stores nothing twice.
 */
import { readSettings } from '../../settings/global-settings';
import type { Channel, Message } from '../../shared/apps';
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

/** Notices in flight at once: the messenger answers each on its own, so a page is not a queue of round trips. */
const IN_FLIGHT = 16;

/**
 * Sends each message's notice, at most `IN_FLIGHT` at a time, and starts no new one after a
 * failure (a messenger that is down costs a few timeouts, not a page of them).
 * @returns for each message, whether the messenger took its notice.
 */
async function notify(channel: Channel, due: Message[]): Promise<boolean[]> {
    const sent: boolean[] = new Array(due.length).fill(false);
    // Read once for the page, not once per notice.
    const timeout = (await readSettings()).messenger_timeout_ms;
    let next = 0;
    let failed = false;
    const worker = async () => {
        for (let i = next++; i < due.length && !failed; i = next++) {
            sent[i] = await callMessenger(channel, 'messageOutcome', { success: true, messageId: due[i].data.external_message_id }, timeout)
                .then((res) => res.status === 200, () => false);
            if (!sent[i]) failed = true;
        }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, due.length) }, worker));
    return sent;
}

/** Timer script: sends the channel's due notices, oldest first, until none is left or the messenger fails. */
export async function sendMessageOutcomes(): Promise<void> {
    const p = Context.data.payload as unknown as OutcomesPayload;
    const channel = await Namespace.app.channels.search().where((f) => f.__id.eq(p.channelId)).first();
    for (let due = await dueOn(p.channelId).all(); due.length; due = await dueOn(p.channelId).all()) {
        const sent = channel ? await notify(channel, due) : due.map(() => false);
        const failed = sent.includes(false);
        // Past the last round (or with the channel gone) the notices are given up: marked done all the same.
        const giveUp = !channel || p.round >= MAX_ROUNDS;
        // One transaction per page: each save alone would wait for its own commit behind the inbound traffic.
        await System.transaction(async () => {
            for (const [i, message] of due.entries()) {
                if (!sent[i] && !giveUp) continue;
                // Empty, not false: the sparse index over due notices keeps only the due ones.
                message.data.outcome_due = null;
                await message.save();
            }
        });
        if (failed && !giveUp) {
            const { delivery_retry_base_ms: base } = await readSettings();
            await scheduleMessageOutcomes(p.channelId, p.round + 1, base * 2 ** (p.round - 1));
            return;
        }
    }
}
