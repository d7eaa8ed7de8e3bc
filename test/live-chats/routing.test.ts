/**
 * Routing through the HTTP API: rules are validated, the least occupied Online operator
 * gets the session, limits hold sessions until capacity frees, returning clients go back
 * to their operator, and first-time clients get the automatic reply and their queue place.
 */
import { eventually, rows, useLiveChat } from './support/live-chat';

describe('routing rules', () => {
    const ctx = useLiveChat();
    let n = 0;

    const sessionOf = async (user: string) => (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === `chat-${user}`)!;
    const write = async (user: string, text = 'hello') => {
        const res = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `r-${++n}`, user, text });
        expect(res.statusCode).toBe(200);
        await ctx.t.host.idle();
        return sessionOf(user);
    };
    const setLine = (values: object) => ctx.t.request({ method: 'PATCH', url: `/api/apps/live_chats/lines/items/${ctx.chat.lineId}`, cookie: ctx.api.admin, body: values });
    const setRules = (rules: unknown) => ctx.api.call('admin', 'set_routing_rules', { lineId: ctx.chat.lineId, rules });

    beforeAll(async () => {
        // The administrator tidies up between steps; an Offline administrator could not close sessions.
        await ctx.api.setStatus('admin', 'online');
    });

    it('refuses an invalid rule list and keeps the stored one', async () => {
        expect((await setRules([{ name: 'ok', activity: { kind: 'invite_all' } }])).statusCode).toBe(200);
        const res = await setRules([{ name: 'bad', activity: { kind: 'least_occupied' } }]);
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { 'rules.0.activity.group': 'required' } });
        const [line] = await rows(ctx.t, ctx.api.admin, 'lines');
        expect(line.routing_rules).toEqual([{ name: 'ok', activity: { kind: 'invite_all' } }]);
        expect((await ctx.api.call('operator1', 'set_routing_rules', { lineId: ctx.chat.lineId, rules: [] })).json().error.code).toBe('FORBIDDEN_ROLE');
    });

    it('assigns the least occupied Online operator and applies the rule\'s actions', async () => {
        await setRules([{
            name: 'Least occupied', activity: { kind: 'least_occupied', group: 'operators' },
            actions: [{ kind: 'set_priority', value: 'medium' }, { kind: 'set_property', key: 'source', value: 'bridge' }],
        }]);
        await ctx.api.setStatus('operator1', 'online');
        await ctx.api.setStatus('operator2', 'offline');
        const first = await write('lo-1');
        expect(first).toMatchObject({ operator: ctx.ids.operator1, state: { code: 'assigned_to_operator' }, priority: { code: 'medium' }, custom_properties: { source: 'bridge' }, routing_rule: 'Least occupied' });
        await ctx.api.setStatus('operator2', 'online');
        expect(await write('lo-2')).toMatchObject({ operator: ctx.ids.operator2 });
        // Both have one session now; operator1 was assigned longer ago, so gets the tie.
        expect(await write('lo-3')).toMatchObject({ operator: ctx.ids.operator1 });
        for (const user of ['lo-1', 'lo-2', 'lo-3']) await ctx.api.call('admin', 'close', { sessionId: (await sessionOf(user)).__id });
    });

    it('falls to the Default rule when nobody of the group is Online', async () => {
        await ctx.api.setStatus('operator1', 'offline');
        await ctx.api.setStatus('operator2', 'offline');
        expect(await write('nobody')).toMatchObject({ state: { code: 'waiting' }, operator: null, routing_rule: 'Default', auto_assign: null });
        await ctx.api.call('admin', 'close', { sessionId: (await sessionOf('nobody')).__id });
    });

    it('holds sessions at the per-operator limit and assigns the oldest when capacity frees', async () => {
        await setLine({ max_active_per_operator: 1 });
        await ctx.api.setStatus('operator1', 'online');
        const busy = await write('cap-1');
        expect(busy).toMatchObject({ operator: ctx.ids.operator1 });
        const held = await write('cap-2');
        const later = await write('cap-3');
        expect(held).toMatchObject({ state: { code: 'waiting' }, operator_group: 'operators', auto_assign: { group: 'operators' } });
        expect((await ctx.api.call('operator1', 'take', { sessionId: later.__id as string })).json().error.code).toBe('CAPACITY_REACHED');
        await ctx.api.call('operator1', 'close', { sessionId: busy.__id });
        await ctx.t.host.idle();
        expect(await sessionOf('cap-2')).toMatchObject({ operator: ctx.ids.operator1, state: { code: 'assigned_to_operator' } });
        expect(await sessionOf('cap-3')).toMatchObject({ state: { code: 'waiting' } });
        await ctx.api.setStatus('operator2', 'online');
        await ctx.t.host.idle();
        expect(await sessionOf('cap-3')).toMatchObject({ operator: ctx.ids.operator2 });
        for (const user of ['cap-2', 'cap-3']) await ctx.api.call('admin', 'close', { sessionId: (await sessionOf(user)).__id });
        await setLine({ max_active_per_operator: null });
    });

    it('sends a first-time client the automatic reply and their place in the queue', async () => {
        await setLine({ tell_queue_position: true });
        await setRules([{
            name: 'Welcome', conditions: { field: 'first_session', op: 'eq', value: true }, activity: { kind: 'invite_all' },
            actions: [{ kind: 'auto_reply', template: 'Hello {{client_name}}, welcome to {{line_name}}!' }],
        }]);
        ctx.messenger.profiles['welcome-1'] = { username: 'Zoë <img src=x>' };
        await write('welcome-1');
        const texts = async () => ctx.messenger.ofType('message').filter((r) => r.data?.targetChatId === 'chat-welcome-1').map((r) => r.data?.text);
        await eventually(async () => (await texts()).length === 2);
        expect(await texts()).toEqual(['Hello Zoë <img src=x>, welcome to Support!', 'You are number 1 in the queue. An operator will answer soon.']);
        await write('welcome-2');
        await eventually(async () => ctx.messenger.ofType('message').some((r) => r.data?.targetChatId === 'chat-welcome-2' && r.data?.text === 'You are number 2 in the queue. An operator will answer soon.'));
        for (const user of ['welcome-1', 'welcome-2']) await ctx.api.call('admin', 'close', { sessionId: (await sessionOf(user)).__id });
        await setLine({ tell_queue_position: false });
    });

    it('sends the default automatic reply, as plain text, when the rule has no text of its own', async () => {
        await setRules([{ name: 'Welcome', conditions: { field: 'first_session', op: 'eq', value: true }, activity: { kind: 'invite_all' }, actions: [{ kind: 'auto_reply' }] }]);
        ctx.messenger.profiles['welcome-3'] = { username: 'Ann & <b>Co</b>' };
        await write('welcome-3');
        const texts = () => ctx.messenger.ofType('message').filter((r) => r.data?.targetChatId === 'chat-welcome-3').map((r) => r.data?.text);
        await eventually(async () => texts().length === 1);
        expect(texts()).toEqual(['Hello, Ann & <b>Co</b>! Thank you for writing to Support. An operator will answer you soon.']);
        await ctx.api.call('admin', 'close', { sessionId: (await sessionOf('welcome-3')).__id });
    });

    it('gives a returning client their previous operator', async () => {
        await setRules([
            { name: 'Returning', conditions: { field: 'first_session', op: 'eq', value: false }, activity: { kind: 'assign_last_operator' } },
        ]);
        await ctx.api.setStatus('operator2', 'online');
        const session = await write('back-1');
        expect(session).toMatchObject({ routing_rule: 'Default', state: { code: 'waiting' } });
        await ctx.api.call('operator2', 'take', { sessionId: session.__id });
        await ctx.api.call('operator2', 'close', { sessionId: session.__id });
        expect(await write('back-1', 'again')).toMatchObject({ __id: session.__id, operator: ctx.ids.operator2, routing_rule: 'Returning', resumed_count: 1 });
    });

    it('refuses a manual take beyond the live chat\'s limit of active sessions', async () => {
        await setRules([]);
        await setLine({ max_active_sessions: 1 });
        const open = (await rows(ctx.t, ctx.api.admin, 'sessions')).filter((x) => (x.state as { code: string }).code === 'assigned_to_operator');
        for (const x of open) await ctx.api.call('admin', 'close', { sessionId: x.__id as string });
        const first = await write('limit-1');
        const second = await write('limit-2');
        expect((await ctx.api.call('operator1', 'take', { sessionId: first.__id as string })).statusCode).toBe(200);
        const refused = await ctx.api.call('operator2', 'take', { sessionId: second.__id as string });
        expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'CAPACITY_REACHED']);
        expect(await sessionOf('limit-2')).toMatchObject({ state: { code: 'waiting' }, operator: null });
        await setLine({ max_active_sessions: null });
    });
});
