/**
 * The live chat's limits of active sessions hold for every way a session reaches an
 * operator: reassigning to someone at their limit is refused like taking, and raising a
 * limit hands out the sessions held for it at once, not at the next close.
 */
import { rows, useLiveChat } from '../live-chats/support/live-chat';

describe('capacity limits', () => {
    const ctx = useLiveChat({ max_active_per_operator: 1 });
    let n = 0;
    const sessionOf = async (user: string) => (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === `chat-${user}`)!;
    const write = async (user: string) => {
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `cap-${++n}`, user, text: 'hello' })).statusCode).toBe(200);
        await ctx.t.host.idle();
        return sessionOf(user);
    };
    const setLine = (values: object) => ctx.t.request({ method: 'PATCH', url: `/api/apps/live_chats/lines/items/${ctx.chat.lineId}`, cookie: ctx.api.admin, body: values });

    beforeAll(async () => {
        await ctx.api.setStatus('supervisor', 'online');
        await ctx.api.setStatus('operator1', 'online');
        await ctx.api.setStatus('operator2', 'online');
    });

    it('refuses to reassign a session to an operator at their limit, as take does', async () => {
        const mine = await write('re-1');
        const other = await write('re-2');
        expect((await ctx.api.call('operator2', 'take', { sessionId: other.__id as string })).statusCode).toBe(200);
        expect((await ctx.api.call('operator1', 'take', { sessionId: mine.__id as string })).statusCode).toBe(200);
        const res = await ctx.api.call('supervisor', 'reassign', { sessionId: mine.__id as string, operatorId: ctx.ids.operator2 });
        expect(res.statusCode).toBe(409);
        expect(res.json().error).toMatchObject({ code: 'CAPACITY_REACHED', message: 'The operator already has 1 active sessions' });
        expect(await sessionOf('re-1')).toMatchObject({ operator: ctx.ids.operator1, state: { code: 'assigned_to_operator' } });
        // A queued session given by a supervisor counts the same way.
        const queued = await write('re-3');
        expect((await ctx.api.call('supervisor', 'reassign', { sessionId: queued.__id as string, operatorId: ctx.ids.operator1 })).json().error.code).toBe('CAPACITY_REACHED');
        for (const user of ['re-1', 're-2', 're-3']) await ctx.api.call('supervisor', 'close', { sessionId: (await sessionOf(user)).__id });
        await ctx.t.host.idle();
    });

    it('hands out held sessions as soon as the per-operator limit is raised', async () => {
        await ctx.api.setStatus('operator2', 'offline');
        await ctx.api.call('admin', 'set_routing_rules', { lineId: ctx.chat.lineId, rules: [{ name: 'Team', activity: { kind: 'least_occupied', group: 'operators' } }] });
        expect(await write('raise-1')).toMatchObject({ operator: ctx.ids.operator1 });
        expect(await write('raise-2')).toMatchObject({ state: { code: 'waiting' }, auto_assign: { group: 'operators' } });
        expect((await setLine({ max_active_per_operator: 2 })).statusCode).toBe(200);
        await ctx.t.host.idle();
        expect(await sessionOf('raise-2')).toMatchObject({ operator: ctx.ids.operator1, state: { code: 'assigned_to_operator' } });
    });

    it('hands out held sessions as soon as the live chat limit is raised', async () => {
        expect((await setLine({ max_active_sessions: 2, max_active_per_operator: null })).statusCode).toBe(200);
        await ctx.t.host.idle();
        expect(await write('line-1')).toMatchObject({ state: { code: 'waiting' }, auto_assign: { group: 'operators' } });
        expect((await setLine({ max_active_sessions: 3 })).statusCode).toBe(200);
        await ctx.t.host.idle();
        expect(await sessionOf('line-1')).toMatchObject({ operator: ctx.ids.operator1, state: { code: 'assigned_to_operator' } });
    });
});
