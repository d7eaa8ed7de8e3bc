/**
 * SLA end to end with a clock the test moves: each standard met and missed, reminders,
 * every violation action (activity stream, e-mail to a local SMTP server, routing), a
 * violation processed once even when its timer runs again or the host restarts between
 * arming and firing, spam that notifies nobody, a DST change and a holiday.
 */
import { SMTPServer } from 'smtp-server';
import net, { type AddressInfo } from 'node:net';
import { controllableClock, settle, type TestClock } from './support/clock';
import { rows, useLiveChat } from './support/live-chat';
import type { TestHost } from '../support/test-host';

const SECOND = 1000;

interface Mail { to: string[]; subject: string; body: string }

describe('SLA', () => {
    let clock: TestClock;
    beforeAll(() => {
        clock = controllableClock();
    });
    afterAll(() => clock.restore());
    const ctx = useLiveChat();
    let n = 0;
    const events: { event: string; payload: Record<string, unknown> }[] = [];
    const mails: Mail[] = [];
    const logins: string[] = [];
    let smtp: SMTPServer;

    const item = async (app: string, body: object) => {
        const res = await ctx.t.request({ method: 'POST', url: `/api/apps/live_chats/${app}/items`, cookie: ctx.api.admin, body });
        expect(res.statusCode).toBe(201);
        return res.json().__id as string;
    };
    const schedule = (values: object = {}) => item('schedules', { __name: `Schedule ${++n}`, time_zone: 'UTC', around_the_clock: true, ...values });
    /** An SLA whose one standard has these settings; the others are off. */
    const sla = async (std: 'reaction' | 'response' | 'resolution', s: { time: number; action?: string; reminder?: string; before?: number }, extra: object = {}, scheduleId?: string) => item('sla', {
        __name: `SLA ${++n}`, schedule: scheduleId ?? await schedule(),
        [`${std}_active`]: true, [`${std}_time`]: s.time, [`${std}_violation_action`]: s.action ?? 'activity_stream',
        [`${std}_reminder`]: s.reminder ?? 'none', [`${std}_reminder_before`]: s.before ?? 0, ...extra,
    });
    const useSla = async (slaId: string, activity: object = { kind: 'invite_all' }) => {
        const res = await ctx.api.call('admin', 'set_routing_rules', { lineId: ctx.chat.lineId, rules: [{ name: 'With SLA', sla: slaId, activity }] });
        expect(res.statusCode).toBe(200);
    };
    const write = async (user: string, text = 'hello') => {
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `sla-${++n}`, user, text })).statusCode).toBe(200);
        await ctx.t.host.idle();
        return (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === `chat-${user}`) as { __id: string; __name: string; sla: unknown };
    };
    const session = async (t: TestHost, id: string) => (await t.request({ method: 'GET', url: `/api/apps/live_chats/sessions/items/${id}`, cookie: ctx.api.admin })).json();
    const card = async (who: string, id: string) => (await ctx.api.get(who, 'session_card', { sessionId: id })).json();
    const notices = async (who: string, t: TestHost = ctx.t) => {
        const cookie = t === ctx.t ? ctx.api.cookies[who] : await t.login(who);
        return ((await t.request({ method: 'GET', url: '/api/notifications', cookie })).json().notifications as { title: string; text: string }[]);
    };
    const titled = async (who: string, part: string, sessionName: string, t?: TestHost) => (await notices(who, t)).filter((x) => x.title.includes(part) && x.text === sessionName);
    const eventsFor = (event: string, sessionId: string) => events.filter((e) => e.event === event && e.payload.session === sessionId);
    const standardOf = async (id: string, std: string) => (await card('admin', id)).sla.standards.find((s: { standard: string }) => s.standard === std);

    beforeAll(async () => {
        ctx.t.host.runner.onDidEmit((e) => events.push({ event: e.event, payload: e.payload as Record<string, unknown> }));
        smtp = new SMTPServer({
            authOptional: true, allowInsecureAuth: true, disabledCommands: ['STARTTLS'], logger: false,
            onAuth(auth, _session, done) {
                logins.push(`${auth.username}:${auth.password}`);
                done(null, { user: auth.username });
            },
            onData(stream, smtpSession, done) {
                let raw = '';
                stream.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
                stream.on('end', () => {
                    mails.push({ to: smtpSession.envelope.rcptTo.map((r) => r.address), subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '', body: raw });
                    done();
                });
            },
        });
        await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
        const port = (smtp.server.address() as AddressInfo).port;
        const res = await ctx.t.request({ method: 'PUT', url: '/api/admin/mail-settings', cookie: ctx.api.admin, body: { host: '127.0.0.1', port, security: 'none', from: 'desk@example.com', user: 'desk', password: 'smtp-secret' } });
        expect(res.statusCode).toBe(200);
        // The clock jumps minutes at a time; nobody has a tab open, and must not turn Offline for it.
        await ctx.api.call('admin', 'save_settings', { auto_offline_minutes: 999 });
        await ctx.api.setStatus('admin', 'online');
        await ctx.api.setStatus('operator1', 'online');
        await ctx.api.setStatus('operator2', 'online');
    });
    afterAll(async () => new Promise<void>((resolve) => smtp.close(() => resolve())));

    it('keeps the SMTP password write-only and refuses bad mail settings', async () => {
        const view = (await ctx.t.request({ method: 'GET', url: '/api/admin/mail-settings', cookie: ctx.api.admin })).json();
        expect(view.settings).toMatchObject({ host: '127.0.0.1', security: 'none', password: { set: true } });
        expect(JSON.stringify(view)).not.toContain('smtp-secret');
        const bad = await ctx.t.request({ method: 'PUT', url: '/api/admin/mail-settings', cookie: ctx.api.admin, body: { port: 'x', from: 'nobody' } });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error.details.fields).toMatchObject({ port: expect.any(String), from: expect.any(String) });
        expect((await ctx.t.request({ method: 'GET', url: '/api/admin/mail-settings', cookie: ctx.api.cookies.operator1 })).statusCode).toBe(403);
    });

    it('refuses a routing rule naming an SLA that does not exist', async () => {
        const res = await ctx.api.call('admin', 'set_routing_rules', { lineId: ctx.chat.lineId, rules: [{ name: 'x', sla: 'no-such-sla', activity: { kind: 'invite_all' } }] });
        expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { 'rules.0.sla': 'no SLA no-such-sla' } });
    });

    it('meets the reaction time when an operator replies in time: no reminder, no violation', async () => {
        await useSla(await sla('reaction', { time: 60 * SECOND, reminder: 'activity_stream', before: 30 * SECOND }));
        const s = await write('met-1');
        expect(s.sla).toBeTruthy();
        expect(await standardOf(s.__id, 'reaction')).toMatchObject({ level: 'normal', totalMs: 60 * SECOND });
        await ctx.api.call('operator1', 'take', { sessionId: s.__id });
        expect((await ctx.api.call('operator1', 'reply', { sessionId: s.__id, text: 'hi' })).statusCode).toBe(201);
        clock.advance(120 * SECOND, ctx.t);
        await new Promise((r) => setTimeout(r, 200));
        expect(await standardOf(s.__id, 'reaction')).toMatchObject({ level: 'met' });
        expect(eventsFor('live_chats.sla_reminder', s.__id)).toHaveLength(0);
        expect(eventsFor('live_chats.sla_violated', s.__id)).toHaveLength(0);
    });

    it('reminds before the reaction deadline, then records the violation once, in the activity stream and as an event', async () => {
        await useSla(await sla('reaction', { time: 10 * SECOND, reminder: 'activity_stream', before: 5 * SECOND }));
        const s = await write('miss-1');
        // Nobody is assigned and the SLA names nobody: the supervisors hear of it.
        clock.advance(8.5 * SECOND, ctx.t);
        await settle(async () => (await titled('supervisor', 'Reaction time runs out', s.__name)).length === 1);
        expect(eventsFor('live_chats.sla_reminder', s.__id)).toHaveLength(1);
        expect(await standardOf(s.__id, 'reaction')).toMatchObject({ level: 'warning' });
        clock.advance(3 * SECOND, ctx.t);
        await settle(async () => (await titled('supervisor', 'Reaction time violated', s.__name)).length === 1);
        expect(eventsFor('live_chats.sla_violated', s.__id)).toEqual([{ event: 'live_chats.sla_violated', payload: expect.objectContaining({ standard: 'reaction', line: ctx.chat.lineId }) }]);
        const overdue = await standardOf(s.__id, 'reaction');
        expect(overdue.level).toBe('overdue');
        expect(overdue.overdueMs).toBeGreaterThanOrEqual(SECOND);
        // The same timer running again (a crash before its row was removed) changes nothing.
        const store = ctx.t.host.store.system.timers;
        await store.put({ key: `live-chats:sla:${s.__id}:reaction`, extensionId: 'live-chats', script: 'slaClockDue', runAt: clock.now(), payload: { session: s.__id, standard: 'reaction', cycle: 1 }, serialKey: null });
        ctx.t.host.scheduler.poke();
        await settle(async () => !(await store.get(`live-chats:sla:${s.__id}:reaction`)));
        await ctx.t.host.idle();
        expect(await titled('supervisor', 'Reaction time violated', s.__name)).toHaveLength(1);
        expect(eventsFor('live_chats.sla_violated', s.__id)).toHaveLength(1);
    });

    it('restarts the response clock on each client message after a reply, reminds and misses it by e-mail', async () => {
        await useSla(await sla('response', { time: 20 * SECOND, action: 'email', reminder: 'email', before: 5 * SECOND }, { notify_user: ctx.ids.operator2 }));
        const s = await write('resp-1');
        expect((await ctx.api.call('operator1', 'take', { sessionId: s.__id })).statusCode).toBe(200);
        expect(await standardOf(s.__id, 'response')).toMatchObject({ level: 'idle' });
        expect((await ctx.api.call('operator1', 'reply', { sessionId: s.__id, text: 'how can I help?' })).statusCode).toBe(201);
        await write('resp-1', 'this');
        expect(await standardOf(s.__id, 'response')).toMatchObject({ level: 'normal' });
        clock.advance(10 * SECOND, ctx.t);
        await ctx.api.call('operator1', 'reply', { sessionId: s.__id, text: 'done' });
        expect(await standardOf(s.__id, 'response')).toMatchObject({ level: 'met' });
        clock.advance(60 * SECOND, ctx.t);
        await write('resp-1', 'and that');
        const again = await standardOf(s.__id, 'response');
        expect(again.level).toBe('normal');
        clock.advance(16 * SECOND, ctx.t);
        const reminder = await settle(async () => mails.find((m) => m.subject.includes('Response time runs out soon')));
        expect(reminder.to).toEqual(['operator2@example.com']);
        // The first cycle was answered before its reminder: one reminder in all.
        expect(mails.filter((m) => m.subject.includes('Response time runs out soon'))).toHaveLength(1);
        clock.advance(9 * SECOND, ctx.t);
        const mail = await settle(async () => mails.find((m) => m.subject.includes('Response time violated')));
        expect(mail.to).toEqual(['operator2@example.com']);
        // The write-only password still signs the host in.
        expect(logins).toContain('desk:smtp-secret');
        expect(mail.body).toContain(s.__name);
        expect(mail.body).toMatch(/Message-ID:\s*<violation\./i);
        expect(eventsFor('live_chats.sla_violated', s.__id)).toHaveLength(1);
    });

    it('routes the session to an operator on a resolution violation; reassigning earlier did not restart the clock', async () => {
        await useSla(await sla('resolution', { time: 30 * SECOND, action: 'route_operator' }, { route_user: ctx.ids.operator2 }));
        const s = await write('route-1');
        await ctx.api.call('operator1', 'take', { sessionId: s.__id });
        const before = (await standardOf(s.__id, 'resolution')).deadline;
        clock.advance(10 * SECOND, ctx.t);
        await ctx.api.call('admin', 'reassign', { sessionId: s.__id, operatorId: ctx.ids.operator1 });
        expect((await standardOf(s.__id, 'resolution')).deadline).toBe(before);
        clock.advance(25 * SECOND, ctx.t);
        await settle(async () => (await session(ctx.t, s.__id)).operator === ctx.ids.operator2);
        expect(eventsFor('live_chats.sla_violated', s.__id)).toHaveLength(1);
    });

    it('routes to the least busy Online operator of a group, and to a group\'s queue', async () => {
        await useSla(await sla('reaction', { time: 10 * SECOND, action: 'route_least_busy' }, { route_group: 'operators' }));
        await ctx.api.setStatus('operator1', 'offline');
        const a = await write('least-1');
        clock.advance(15 * SECOND, ctx.t);
        await settle(async () => (await session(ctx.t, a.__id)).operator === ctx.ids.operator2);
        await ctx.api.setStatus('operator1', 'online');

        await useSla(await sla('reaction', { time: 10 * SECOND, action: 'route_group' }, { route_group: 'operators' }));
        const b = await write('group-1');
        await ctx.api.call('operator1', 'take', { sessionId: b.__id });
        clock.advance(15 * SECOND, ctx.t);
        await settle(async () => {
            const now = await session(ctx.t, b.__id);
            return now.state.code === 'waiting' && now.operator_group === 'operators' && now.operator === null;
        });
    });

    it('tells the administrators when a routing action cannot be carried out', async () => {
        await useSla(await sla('reaction', { time: 10 * SECOND, action: 'route_operator' }, { route_user: ctx.ids.reader }));
        const s = await write('fail-1');
        clock.advance(15 * SECOND, ctx.t);
        await settle(async () => (await notices('admin')).some((x) => x.title.startsWith('SLA action failed') && x.text.includes(s.__name)));
    });

    it('stops every clock at close', async () => {
        await useSla(await sla('resolution', { time: 30 * SECOND }));
        const s = await write('close-1');
        await ctx.api.call('operator1', 'take', { sessionId: s.__id });
        await ctx.api.call('operator1', 'close', { sessionId: s.__id });
        clock.advance(60 * SECOND, ctx.t);
        await new Promise((r) => setTimeout(r, 200));
        expect(await standardOf(s.__id, 'resolution')).toMatchObject({ level: 'met' });
        expect(eventsFor('live_chats.sla_violated', s.__id)).toHaveLength(0);
    });

    it('records a spam session\'s violation but tells nobody', async () => {
        await useSla(await sla('reaction', { time: 10 * SECOND, reminder: 'activity_stream', before: 5 * SECOND }));
        const s = await write('spam-1');
        expect((await ctx.api.call('admin', 'mark_spam', { sessionId: s.__id })).statusCode).toBe(200);
        clock.advance(15 * SECOND, ctx.t);
        await settle(async () => (await session(ctx.t, s.__id)).sla_state.clocks.reaction.violatedAt !== null);
        await ctx.t.host.idle();
        expect(await standardOf(s.__id, 'reaction')).toMatchObject({ level: 'overdue' });
        expect((await notices('supervisor')).filter((x) => x.text === s.__name)).toHaveLength(0);
        expect(eventsFor('live_chats.sla_reminder', s.__id)).toHaveLength(0);
        expect(eventsFor('live_chats.sla_violated', s.__id)).toHaveLength(0);
    });

    it('reports the share of SLA clocks met per standard, per operator and per live chat', async () => {
        const resp = await write('resp-1', 'thanks');
        expect((await ctx.api.call('operator1', 'close', { sessionId: resp.__id })).statusCode).toBe(200);
        await ctx.t.host.idle();
        const day = (d: number) => new Date(clock.now() + d * 86_400_000).toISOString().slice(0, 10);
        for (const kind of ['operators', 'lines']) {
            const res = await ctx.api.call('supervisor', 'performance_report', { kind, from: day(-1), to: day(1) });
            expect(res.statusCode).toBe(200);
            const key = kind === 'operators' ? ctx.ids.operator1 : ctx.chat.lineId;
            // close-1: resolution met; resp-1: one response in time, one late.
            expect(res.json().rows.find((r: { key: string; period: string }) => r.key === key && r.period === 'all'))
                .toMatchObject({ slaResolutionMetPct: 100, slaResponseMetPct: 50, slaReactionMetPct: null });
        }
    });

    it('counts working time across a DST change and skips a holiday', async () => {
        // Berlin, 31 March 2024: 02:00 becomes 03:00. Work 00:00–06:00 holds five hours that night;
        // the client writes at 23:59 the evening before.
        clock.set(Date.parse('2024-03-30T22:59:00Z'));
        const night = await schedule({ time_zone: 'Europe/Berlin', around_the_clock: false, working_days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], work_start: '00:00', work_end: '06:00' });
        await useSla(await sla('reaction', { time: 5 * 3600 * SECOND }, {}, night));
        const a = await write('dst-1');
        expect(Math.abs((await standardOf(a.__id, 'reaction')).deadline - Date.parse('2024-03-31T04:00:00Z'))).toBeLessThan(2 * SECOND);
        // A holiday on 1 April moves one working hour from Sunday 10:00 to Tuesday 10:00.
        clock.set(Date.parse('2024-03-31T08:00:00Z'));
        const office = await schedule({
            time_zone: 'Europe/Berlin', around_the_clock: false, working_days: ['mon', 'tue', 'wed', 'thu', 'fri'], work_start: '09:00', work_end: '18:00',
            exceptions: [{ date: '2024-04-01', kind: 'holiday' }],
        });
        await useSla(await sla('reaction', { time: 3600 * SECOND }, {}, office));
        const b = await write('holiday-1');
        expect(Math.abs((await standardOf(b.__id, 'reaction')).deadline - Date.parse('2024-04-02T08:00:00Z'))).toBeLessThan(2 * SECOND);
        clock.reset();
    });

    it('retries an e-mail the mail server does not take, then tells the administrators', async () => {
        const closed = net.createServer();
        await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const deadPort = (closed.address() as AddressInfo).port;
        await new Promise<void>((resolve) => closed.close(() => resolve()));
        const mailSettings = (body: object) => ctx.t.request({ method: 'PUT', url: '/api/admin/mail-settings', cookie: ctx.api.admin, body });
        expect((await mailSettings({ port: deadPort })).statusCode).toBe(200);
        await ctx.api.call('admin', 'save_settings', { delivery_max_attempts: 2 });
        try {
            await useSla(await sla('reaction', { time: 10 * SECOND, action: 'email' }, { notify_user: ctx.ids.operator1 }));
            const s = await write('mail-down-1');
            clock.advance(15 * SECOND, ctx.t);
            await settle(async () => (await notices('admin')).some((x) => x.title.startsWith('SLA action failed') && x.text.includes(`Reaction time violated: ${s.__name}`)));
        } finally {
            await mailSettings({ port: (smtp.server.address() as AddressInfo).port });
            await ctx.api.call('admin', 'save_settings', { delivery_max_attempts: 8 });
        }
    });

    it('processes a violation due while the host was down once, after the restart', async () => {
        await useSla(await sla('reaction', { time: 10 * SECOND }));
        const s = await write('restart-1');
        await ctx.t.stop();
        clock.advance(30 * SECOND);
        const t2 = await ctx.t.restart();
        try {
            await settle(async () => (await session(t2, s.__id)).sla_state.clocks.reaction.violatedAt !== null);
            await t2.host.idle();
            expect(await titled('supervisor', 'Reaction time violated', s.__name, t2)).toHaveLength(1);
        } finally {
            await t2.stop();
        }
    });
});
