/**
 * The desk's notices: one per event and only to whom it concerns. A queued new session is
 * one notice to each operator who may take it and to the supervisor; a session routed to
 * operator1 is news to operator1 (its assignment) and the supervisor, never to operator2;
 * closing tells the session's operator and the supervisor, not the one who closed it.
 */
import type { Connection } from '../../host/runtime/realtime-hub';
import { eventually, rows, useLiveChat } from './support/live-chat';

interface Push { type: string; event?: string; payload?: { session?: string; text?: string; kind?: string }; title?: string }

describe('desk notices', () => {
    const ctx = useLiveChat();
    const pushed: Record<string, Push[]> = { operator1: [], operator2: [], supervisor: [], reader: [], employee: [] };
    const closers: (() => void)[] = [];

    beforeAll(async () => {
        for (const login of Object.keys(pushed)) {
            const tab: Connection = { send: (text) => pushed[login].push(JSON.parse(text) as Push) };
            closers.push(ctx.t.host.hub.connect(ctx.ids[login], tab));
        }
        await ctx.api.setStatus('operator1', 'online');
        await ctx.api.setStatus('operator2', 'online');
        await ctx.api.setStatus('supervisor', 'online');
    });
    afterAll(() => closers.forEach((close) => close()));

    /** What the user would see as notices: the desk's own and the host's notifications. */
    const notices = (login: string) => pushed[login]
        .filter((p) => p.event === 'live_chats.notice' || p.event === 'live_chats.client_wrote' || p.event === 'notification')
        .map((p) => (p.event === 'notification' ? `notification: ${JSON.stringify(p.payload)}` : `${p.event}: ${p.payload?.text ?? ''}`));
    const clear = () => Object.values(pushed).forEach((list) => list.splice(0));

    async function sessionOf(user: string): Promise<string> {
        const sessions = await rows(ctx.t, ctx.api.admin, 'sessions');
        return String(sessions.find((s) => String(s.__name).startsWith(user))!.__id);
    }

    it('gives each operator who may take a queued new session, and the supervisor, exactly one notice', async () => {
        clear();
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'q-1', user: 'quinn', text: 'Hi' })).statusCode).toBe(200);
        await ctx.t.host.idle();
        await eventually(async () => notices('supervisor').length > 0);
        for (const login of ['operator1', 'operator2', 'supervisor']) {
            expect(notices(login)).toEqual(['live_chats.notice: New session: quinn via Bridge']);
        }
        expect(notices('reader')).toEqual([]);
        expect(notices('employee')).toEqual([]);
        // The same client writing on while waiting is no new notice.
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'q-2', user: 'quinn', text: 'Anyone?' })).statusCode).toBe(200);
        await ctx.t.host.idle();
        expect(notices('operator2')).toHaveLength(1);
    });

    it('tells only the assignee and the supervisor of a session routed to operator1', async () => {
        const rules = [{ name: 'To Olga', activity: { kind: 'assign_user', userId: ctx.ids.operator1 } }];
        expect((await ctx.api.call('admin', 'set_routing_rules', { lineId: ctx.chat.lineId, rules })).statusCode).toBe(200);
        clear();
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'r-1', user: 'rita', text: 'Hello' })).statusCode).toBe(200);
        await ctx.t.host.idle();
        await eventually(async () => notices('operator1').length > 0 && notices('supervisor').length > 0);
        expect(notices('operator1')).toHaveLength(1);
        expect(notices('operator1')[0]).toMatch(/^notification: .*A session was assigned to you/);
        expect(notices('supervisor')).toEqual(['live_chats.notice: New session: rita via Bridge']);
        expect(notices('operator2')).toEqual([]);

        // Her next message is news to her operator only.
        clear();
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'r-2', user: 'rita', text: 'Still there?' })).statusCode).toBe(200);
        await ctx.t.host.idle();
        await eventually(async () => notices('operator1').length > 0);
        expect(notices('operator1')).toEqual(['live_chats.client_wrote: ']);
        expect(notices('operator2')).toEqual([]);
        expect(notices('supervisor')).toEqual([]);
    });

    it('tells the operator and the supervisor when a session closes, not whoever closed it', async () => {
        const rita = await sessionOf('rita');
        clear();
        expect((await ctx.api.call('supervisor', 'close', { sessionId: rita })).statusCode).toBe(200);
        await ctx.t.host.idle();
        await eventually(async () => notices('operator1').length > 0);
        expect(notices('operator1')).toEqual(['live_chats.notice: Session closed: rita via Bridge (by Sam Supervisor)']);
        expect(notices('supervisor')).toEqual([]);
        expect(notices('operator2')).toEqual([]);
    });
});
