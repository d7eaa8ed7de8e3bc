/**
 * Reports (SPEC §8) from the daily rollups: a closed session counts once, spam is taken
 * out and put back, only administrators and supervisors see them, and bad filters are
 * refused.
 */
import { rows, useLiveChat } from './support/live-chat';

describe('performance reports', () => {
    const ctx = useLiveChat();
    const today = new Date().toISOString().slice(0, 10);
    const report = (who: string, body: object = {}) => ctx.api.call(who, 'performance_report', { from: today, to: today, ...body });
    const totals = async (kind = 'operators') => (await report('supervisor', { kind })).json().rows.filter((r: { period: string }) => r.period === 'all');

    let sessionId = '';
    beforeAll(async () => {
        for (const login of ['operator1', 'supervisor']) await ctx.api.setStatus(login, 'online');
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'rp-1', user: 'rita', text: 'Where is my parcel?' });
        sessionId = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-rita')!.__id as string;
        await ctx.api.call('operator1', 'take', { sessionId });
        await ctx.api.call('operator1', 'reply', { sessionId, text: 'It left the warehouse today' });
        await ctx.api.call('operator1', 'close', { sessionId });
        await ctx.t.host.idle();
    });

    it("counts a closed session once in Operators' Performance, with its times", async () => {
        const [row] = await totals();
        expect(row).toMatchObject({ key: ctx.ids.operator1, name: 'Olga Operator', requests: 1, botResponseShare: 0 });
        expect(row.responseTimeMs).toEqual(expect.any(Number));
        expect(row.waitTimeMs).toBe(row.responseTimeMs);
        expect(row.firstResponseTimeMs).toEqual(expect.any(Number));
        expect(row.sessionDurationMs).toBeGreaterThanOrEqual(row.responseTimeMs);
        const byLine = await totals('lines');
        expect(byLine).toEqual([expect.objectContaining({ key: ctx.chat.lineId, name: 'Support', requests: 1 })]);
    });

    it('does not count a close twice when the event is delivered again', async () => {
        await ctx.t.host.store.system.outbox.add('live-chats', 'custom', { event: 'live_chats.session_closed', payload: { session: sessionId } });
        ctx.t.host.dispatcher.kick();
        await ctx.t.host.idle();
        expect((await totals())[0].requests).toBe(1);
    });

    it('takes a session marked spam out of the reports and puts it back when it is removed from spam', async () => {
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'rp-2', user: 'rita', text: 'BUY CHEAP WATCHES' });
        expect((await ctx.api.call('supervisor', 'mark_spam', { sessionId })).statusCode).toBe(200);
        await ctx.t.host.idle();
        expect(await totals()).toEqual([]);
        expect((await ctx.api.call('supervisor', 'unmark_spam', { sessionId })).statusCode).toBe(200);
        await ctx.t.host.idle();
        expect((await totals())[0].requests).toBe(1);
    });

    it('breaks the numbers down by day, week or month', async () => {
        const res = await report('admin', { breakdown: 'month' });
        expect(res.json().rows.map((r: { period: string }) => r.period)).toEqual(['all', today.slice(0, 7)]);
    });

    it('is for administrators and supervisors only', async () => {
        for (const who of ['operator1', 'reader', 'employee']) {
            const res = await report(who);
            expect([who, res.statusCode, res.json().error.code]).toEqual([who, 403, 'FORBIDDEN_ROLE']);
        }
        expect((await report('admin')).statusCode).toBe(200);
    });

    it('refuses a missing or reversed period and unknown options, changing nothing', async () => {
        const missing = await ctx.api.call('supervisor', 'performance_report', { to: today });
        expect([missing.statusCode, missing.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect((await report('supervisor', { from: '2026-12-31', to: '2026-01-01' })).json().error.details).toEqual({ to: 'is before from' });
        expect((await report('supervisor', { breakdown: 'hour' })).statusCode).toBe(400);
    });
});
