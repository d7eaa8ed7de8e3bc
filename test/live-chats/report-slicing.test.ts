/**
 * Slicing reports (SPEC §8): the operator-group filter, day / week / month boundaries in
 * the live chat's time zone (Asia/Yekaterinburg, UTC+5) around midnight and the starts of
 * a week and a month, rows per group and for the company, and a rebuild of the rollups
 * from the report entries that gives identical numbers.
 */
import fs from 'node:fs';
import { productPackage } from '../support/test-host';
import { controllableClock, type TestClock } from './support/clock';
import { rows, useLiveChat } from './support/live-chat';

type Row = { key: string; name: string; period: string; requests: number; responseTimeMs: number | null; waitTimeMs: number | null; sessionDurationMs: number | null };

describe('slicing reports', () => {
    let clock: TestClock;
    beforeAll(() => {
        clock = controllableClock();
    });
    afterAll(() => clock.restore());

    const ctx = useLiveChat({ time_zone: 'Asia/Yekaterinburg', operator_groups: ['support_team', 'sales_team'] }, async (host) => {
        const { store } = host.host;
        await store.system.groups.upsert({ code: 'support_team', name: 'Support team', extensionId: null });
        await store.system.groups.upsert({ code: 'sales_team', name: 'Sales team', extensionId: null });
        await store.system.users.setGroups((await store.system.users.byLogin('operator1'))!.id, ['operators', 'support_team']);
        await store.system.users.setGroups((await store.system.users.byLogin('operator2'))!.id, ['operators', 'sales_team']);
    });
    const report = async (body: object, who = 'supervisor'): Promise<Row[]> => {
        const res = await ctx.api.call(who, 'performance_report', { from: '2026-11-01', to: '2026-12-31', ...body });
        expect(res.statusCode).toBe(200);
        return res.json().rows;
    };
    const brief = (list: Row[]) => list.map((r) => `${r.name} ${r.period} ${r.requests}`);

    let n = 0;
    /** A session the operator takes 9 minutes and answers 5 minutes before it closes at `closeAt` (UTC). */
    async function closedAt(operator: string, closeAt: string): Promise<void> {
        const end = Date.parse(closeAt);
        clock.set(end - 10 * 60_000);
        const user = `client-${++n}`;
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `slice-${n}`, user, text: 'Hello' });
        await ctx.t.host.idle();
        const sessionId = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === `chat-${user}`)!.__id as string;
        // The clock jumps past the presence check, so the operator says Online again before each step.
        const act = async (at: number, code: string, body: object, status: number) => {
            clock.set(at);
            await ctx.api.setStatus(operator, 'online');
            expect((await ctx.api.call(operator, code, { sessionId, ...body })).statusCode).toBe(status);
        };
        await act(end - 9 * 60_000, 'take', {}, 200);
        await act(end - 5 * 60_000, 'reply', { text: 'Hi' }, 201);
        await act(end, 'close', {}, 200);
        await ctx.t.host.idle();
    }

    beforeAll(async () => {
        clock.set(Date.parse('2026-11-29T12:00:00Z'));
        await closedAt('operator1', '2026-11-29T18:30:00Z'); // Sunday 23:30 local: 29 Nov, the week of 23 Nov
        await closedAt('operator1', '2026-11-29T19:01:00Z'); // Monday 00:01 local: 30 Nov, a new week (UTC still says Sunday)
        await closedAt('operator2', '2026-11-30T19:30:00Z'); // Tuesday 00:30 local: 1 Dec, a new month (UTC still says November)
        clock.reset();
    });

    it('puts each close on its local day, week and month', async () => {
        expect(brief(await report({ breakdown: 'day' })).filter((r) => !r.includes(' all '))).toEqual([
            'Olga Operator 2026-11-29 1', 'Olga Operator 2026-11-30 1', 'Oscar Operator 2026-12-01 1',
        ]);
        expect(brief(await report({ breakdown: 'week' })).filter((r) => !r.includes(' all '))).toEqual([
            'Olga Operator 2026-11-23 1', 'Olga Operator 2026-11-30 1', 'Oscar Operator 2026-11-30 1',
        ]);
        expect(brief(await report({ breakdown: 'month' })).filter((r) => !r.includes(' all '))).toEqual([
            'Olga Operator 2026-11 2', 'Oscar Operator 2026-12 1',
        ]);
    });

    it('keeps the period to the local days asked for', async () => {
        expect(brief(await report({ from: '2026-11-30', to: '2026-11-30' }))).toEqual(['Olga Operator all 1', 'Olga Operator 2026-11-30 1']);
    });

    it("filters by operator group: a session counts for the group its operator was in", async () => {
        expect(brief(await report({ groups: ['support_team'] })).filter((r) => r.includes(' all '))).toEqual(['Olga Operator all 2']);
        expect(brief(await report({ groups: ['sales_team'] })).filter((r) => r.includes(' all '))).toEqual(['Oscar Operator all 1']);
        expect(await report({ groups: ['readers'] })).toEqual([]);
    });

    it('gives rows per operator group and one for the company, with the measured times', async () => {
        const groups = (await report({ kind: 'groups' })).filter((r) => r.period === 'all');
        expect(groups.map((r) => [r.key, r.name, r.requests])).toEqual([['sales_team', 'Sales team', 1], ['support_team', 'Support team', 2]]);
        const [company] = await report({ kind: 'company', breakdown: 'month' });
        expect(company).toMatchObject({ key: 'company', name: 'Company', period: 'all', requests: 3 });
        // Every session: client at −10 min, reply at −5 min, close at 0 (the clock runs on between steps, by milliseconds).
        const seconds = [company.responseTimeMs, company.waitTimeMs, company.sessionDurationMs].map((ms) => Math.round((ms ?? 0) / 1000));
        expect(seconds).toEqual([300, 300, 600]);
    });

    it('filters by operator and by channel', async () => {
        expect(brief(await report({ operatorIds: [ctx.ids.operator2] })).filter((r) => r.includes(' all '))).toEqual(['Oscar Operator all 1']);
        expect(await report({ channelIds: [ctx.chat.internalChannelId] })).toEqual([]);
        expect((await report({ channelIds: [ctx.chat.otherChannelId], kind: 'company' }))[0].requests).toBe(3);
    });

    it('rebuilds the rollups from the entries, in pages with progress, to identical numbers', async () => {
        const asked = [{ breakdown: 'day' }, { breakdown: 'week', kind: 'groups' }, { breakdown: 'month', kind: 'lines' }];
        const before = await Promise.all(asked.map((a) => report(a)));
        const table = ctx.t.host.items.app('live_chats.report_rollups').table;
        const stored = async () => (await rows(ctx.t, ctx.api.admin, 'report_rollups'))
            .map((r) => JSON.stringify([r.line, r.operator, r.channel, r.operator_group, r.day, r.requests, r.response_sum_ms, r.max_wait_ms, r.duration_sum_ms]))
            .sort();
        const rollupsBefore = await stored();
        // A rollup that drifted: wrong numbers, and a row for a day with no entries.
        const [first] = await rows(ctx.t, ctx.api.admin, 'report_rollups');
        await ctx.t.host.store.update(table, first.__id as string, { requests: 40, max_wait_ms: 1 });
        expect(brief(await report({ kind: 'company' }))[0]).not.toBe(brief(before[0])[0]);

        expect((await ctx.api.call('supervisor', 'rebuild_report_rollups', {})).statusCode).toBe(403);
        expect((await ctx.api.call('admin', 'rebuild_report_rollups', { days: 0 })).json().error.code).toBe('VALIDATION_FAILED');
        const progress: string[] = [];
        let after: string | null = '';
        while (after !== null) {
            const res = await ctx.api.call('admin', 'rebuild_report_rollups', { after, days: 2 });
            const body = res.json();
            progress.push(`${body.rebuiltDays} days, through ${body.through}, ${body.progress}%`);
            after = body.next;
        }
        expect(progress).toEqual(['2 days, through 2026-11-30, 66%', '1 days, through 2026-12-01, 100%']);
        expect(await stored()).toEqual(rollupsBefore);
        expect(await Promise.all(asked.map((a) => report(a)))).toEqual(before);
    });

    it('upgrades rollups of an older version, keyed without groups, and keeps the group filter right', async () => {
        const byGroup = await report({ kind: 'groups', breakdown: 'week' });
        // As 0.2.0 left them: entries without a group (their sessions were not routed to one), rollups likewise.
        const { store } = ctx.t.host;
        for (const app of ['report_entries', 'report_rollups']) {
            const table = ctx.t.host.items.app(`live_chats.${app}`).table;
            for (const r of await rows(ctx.t, ctx.api.admin, app)) await store.update(table, r.__id as string, { operator_group: null });
        }
        await store.system.storage.remove('live-chats', 'report_rollups_by_group');
        expect(await report({ groups: ['support_team'] })).toEqual([]);

        await ctx.t.host.extensions.install(new Uint8Array(fs.readFileSync(productPackage)));
        await ctx.t.host.idle();
        expect(await report({ kind: 'groups', breakdown: 'week' })).toEqual(byGroup);
        expect(brief(await report({ groups: ['support_team'] })).filter((r) => r.includes(' all '))).toEqual(['Olga Operator all 2']);
    });
});
