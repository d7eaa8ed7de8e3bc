/**
 * `messageOutcome` notices are coalesced per channel: a burst of inbound messages arms one
 * timer for the channel (no timer per message), every message is still confirmed once,
 * a messenger that is down gets them when it is back, and a message sent again is
 * confirmed again. The notices of a burst are sent side by side, not one round trip after
 * another. The run is armed in the commit that stores the message, so a message is never
 * stored with its notice due and no run armed to send it. A sent notice leaves the message's
 * flag empty, which takes it out of the sparse index the run reads.
 */
import { eventually, useLiveChat } from './support/live-chat';

describe('messageOutcome notices', () => {
    const ctx = useLiveChat();
    const outcomes = (prefix: string) => ctx.messenger.ofType('messageOutcome').map((r) => String(r.data?.messageId)).filter((id) => id.startsWith(prefix));

    it('arms one timer for a burst on a channel and confirms every message once', async () => {
        const timers = ctx.t.host.store.system.timers;
        const put = timers.put.bind(timers);
        const keys = new Set<string>();
        timers.put = async (timer) => {
            if (timer.script === 'sendMessageOutcomes' || timer.script === 'sendMessengerNotice') keys.add(timer.key);
            return put(timer);
        };
        const ids = Array.from({ length: 20 }, (_, i) => `burst-${i}`);
        const answers = await Promise.all(ids.map((id, i) => ctx.api.clientWrites(ctx.chat.otherChannelId, { id, user: `u-burst-${i % 4}`, text: id })));
        expect(answers.map((a) => a.statusCode)).toEqual(ids.map(() => 200));
        await eventually(async () => outcomes('burst-').length >= ids.length);
        await ctx.t.host.idle();
        expect(outcomes('burst-').sort()).toEqual([...ids].sort());
        expect([...keys]).toEqual([`live-chats:messageOutcome:${ctx.chat.otherChannelId}`]);
        timers.put = put;
        // Once the messenger has answered, each flag is empty, not false, so the sparse index of due
        // notices empties again; a client's message has no delivery state, so the one of deliveries
        // holds staff messages only.
        const burst = () => ctx.t.host.items.find('live_chats.messages', { where: { kind: 'cmp', field: 'external_message_id', op: 'like', value: 'burst-' }, size: 100 });
        await eventually(async () => (await burst()).every((m) => m.outcome_due === null));
        expect((await burst()).map((m) => [m.outcome_due, m.delivery_state])).toEqual(ids.map(() => [null, null]));
    });

    it('keeps the notices of a messenger that is down until it is back, and confirms a repeated message again', async () => {
        ctx.messenger.down = true;
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'late-1', user: 'u-late', text: 'while down' });
        await new Promise((r) => setTimeout(r, 150));
        expect(outcomes('late-')).toEqual([]);
        ctx.messenger.down = false;
        await eventually(async () => outcomes('late-').length === 1);
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'late-1', user: 'u-late', text: 'while down' });
        await eventually(async () => outcomes('late-').length === 2);
    });

    it('arms the notice run in the commit that stores the message', async () => {
        const timers = ctx.t.host.store.system.timers;
        const put = timers.put.bind(timers);
        timers.put = async (timer) => {
            if (timer.script === 'sendMessageOutcomes') throw new Error('timer table unavailable');
            return put(timer);
        };
        let failed;
        try {
            failed = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'armed-1', user: 'u-armed', text: 'armed' });
        } finally {
            timers.put = put;
        }
        // Not acknowledged, and nothing of it stored: the messenger sends it again.
        expect(failed.statusCode).toBeGreaterThanOrEqual(500);
        const stored = () => ctx.t.host.items.find('live_chats.messages', { where: { kind: 'cmp', field: 'external_message_id', op: 'eq', value: 'armed-1' } });
        expect(await stored()).toHaveLength(0);
        const again = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'armed-1', user: 'u-armed', text: 'armed' });
        expect(again.statusCode).toBe(200);
        expect(await stored()).toHaveLength(1);
        await eventually(async () => outcomes('armed-').length === 1);
    });

    it('sends the notices of a burst side by side', async () => {
        // Each notice is held until the next one arrives (or 1 s passes): one at a time, they would take 1 s each.
        let inFlight = 0;
        let most = 0;
        let release: () => void = () => undefined;
        ctx.messenger.gate = async (r) => {
            if (r.type !== 'messageOutcome' || !String(r.data?.messageId).startsWith('side-')) return;
            inFlight++;
            most = Math.max(most, inFlight);
            release();
            await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, 1_000);
                release = () => { clearTimeout(timer); resolve(); };
            });
            inFlight--;
        };
        try {
            const ids = Array.from({ length: 8 }, (_, i) => `side-${i}`);
            await Promise.all(ids.map((id, i) => ctx.api.clientWrites(ctx.chat.otherChannelId, { id, user: `u-side-${i % 2}`, text: id })));
            await eventually(async () => outcomes('side-').length >= ids.length);
            expect(most).toBeGreaterThan(1);
        } finally {
            ctx.messenger.gate = undefined;
            release();
        }
    });
});
