/**
 * The blocklist end to end (SPEC §5): entries checked as they are written through the app,
 * a blocked client's message acknowledged to the messenger yet kept out of the desk (a
 * session that is spam from the start: no queue, no routing, no automatic reply, no
 * events), the allowlist, the scope, sessions already active left alone, changes taking
 * effect on the next message, and Lock / Unlock account from a session.
 */
import fc from 'fast-check';
import { eventually, rows, TOKEN, useLiveChat } from './support/live-chat';

describe('the blocklist', () => {
    const ctx = useLiveChat({ tell_queue_position: true });
    const events: string[] = [];
    let sequence = 0;

    beforeAll(async () => {
        for (const who of ['admin', 'supervisor', 'operator2']) await ctx.api.setStatus(who, 'online');
        ctx.t.host.runner.onDidEmit((e) => events.push(`${e.event}:${JSON.stringify(e.payload)}`));
    });

    const items = (who: string, path = '', method = 'GET', body?: unknown) =>
        ctx.t.request({ method, url: `/api/apps/live_chats/blocklist/items${path}`, cookie: ctx.api.cookies[who], body });
    const addEntry = async (body: Record<string, unknown>) => {
        const res = await items('admin', '', 'POST', { __name: 'entry', list_type: 'blocklist', rule_operator: 'equals', all_lines: true, ...body });
        if (res.statusCode !== 201) throw new Error(`entry: ${res.body}`);
        return res.json().__id as string;
    };
    const removeEntry = async (id: string) => expect((await items('admin', `/${id}`, 'DELETE')).statusCode).toBe(204);
    const sessionsOf = async (user: string) => (await rows(ctx.t, ctx.api.admin, 'sessions'))
        .filter((s) => s.external_chat_id === `chat-${user}`)
        .sort((a, b) => String(a.__createdAt).localeCompare(String(b.__createdAt)));
    const write = async (user: string, text = 'hello') => {
        const id = `bl-${++sequence}`;
        const res = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id, user, text });
        expect(res.statusCode).toBe(200);
        await ctx.t.host.idle();
        return id;
    };
    const close = async (sessionId: unknown) => expect((await ctx.api.call('admin', 'close', { sessionId })).statusCode).toBe(200);
    const queue = async () => (await ctx.api.get('admin', 'sessions', { lineId: ctx.chat.lineId, view: 'queue' })).json();
    const repliesTo = (user: string) => ctx.messenger.ofType('message').filter((r) => r.data?.targetChatId === `chat-${user}`);

    describe('entries written through the app', () => {
        it.each([
            ['an operator that does not fit the type', { rule_type: 'phone', rule_operator: 'contains', rule_value: '+44' }, 'rule_operator', '"contains" does not fit a Phone rule: use "=" or "starts with"'],
            ['an account matched by part', { rule_type: 'account', rule_operator: 'starts_with', rule_value: 'c-' }, 'rule_operator', '"starts with" does not fit an Account rule: use "="'],
            ['a phone that is not one', { rule_type: 'phone', rule_value: '12-34' }, 'rule_value', 'is not a phone number in international form, e.g. +44 20 7946 0958'],
            ['an e-mail that is not one', { rule_type: 'email', rule_value: 'nobody' }, 'rule_value', 'is not an e-mail address'],
            ['an expiry in the past', { rule_type: 'external_id', rule_value: 'x', until: '2001-01-01T00:00:00Z' }, 'until', 'must be in the future (leave it empty to block indefinitely)'],
            ['no live chats chosen', { rule_type: 'external_id', rule_value: 'x', all_lines: false, lines: [] }, 'lines', 'choose the live chats, or tick All live chats'],
        ])('refuses %s with a clear error and stores nothing', async (_name, body, field, problem) => {
            const before = (await items('admin')).json().total;
            const res = await items('admin', '', 'POST', { __name: 'bad', list_type: 'blocklist', rule_operator: 'equals', all_lines: true, ...body });
            expect(res.statusCode).toBe(400);
            expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining(problem), details: { fields: { [field]: problem } } });
            expect((await items('admin')).json().total).toBe(before);
        });

        it('refuses an edit that breaks the rule, and keeps the entry as it was', async () => {
            const id = await addEntry({ rule_type: 'email', rule_operator: 'ends_with', rule_value: '@spam.example' });
            const res = await items('supervisor', `/${id}`, 'PATCH', { rule_type: 'account' });
            expect(res.json().error.details.fields).toEqual({ rule_operator: '"ends with" does not fit an Account rule: use "="' });
            expect((await items('admin', `/${id}`)).json()).toMatchObject({ rule_type: { code: 'email' } });
            await removeEntry(id);
        });

        it('lets administrators and supervisors write entries, operators only read them', async () => {
            const body = { __name: 'by role', list_type: 'blocklist', rule_type: 'external_id', rule_operator: 'equals', rule_value: 'role-x', all_lines: true };
            expect((await items('operator1', '', 'POST', body)).statusCode).toBe(403);
            expect((await items('operator1')).statusCode).toBe(200);
            const created = await items('supervisor', '', 'POST', body);
            expect(created.statusCode).toBe(201);
            expect((await items('operator1', `/${created.json().__id}`, 'DELETE')).statusCode).toBe(403);
            expect((await items('supervisor', `/${created.json().__id}`, 'DELETE')).statusCode).toBe(204);
            expect((await items('admin', '?deleted=true')).json().items.map((i: { __id: string }) => i.__id)).toContain(created.json().__id);
        });
    });

    it('acknowledges a blocked client\'s message but keeps them out of the queue, routing, replies and events', async () => {
        const entry = await addEntry({ rule_type: 'external_id', rule_value: 'troll-1', reason: 'abuse' });
        events.length = 0;
        const id = await write('troll-1', 'let me in');
        await ctx.messenger.waitFor((r) => r.type === 'messageOutcome' && r.data?.messageId === id);
        const [session] = await sessionsOf('troll-1');
        expect(session).toMatchObject({ state: { code: 'marked_as_spam' }, blocked_by: entry, operator: null, routing_rule: null });
        const messages = (await rows(ctx.t, ctx.api.admin, 'messages')).filter((m) => m.session === session.__id);
        expect(messages.map((m) => m.text)).toEqual(['let me in']);
        expect((await queue()).sessions.map((s: { id: string }) => s.id)).not.toContain(session.__id);
        expect(repliesTo('troll-1')).toEqual([]);
        expect(events.filter((e) => e.includes(String(session.__id)))).toEqual([]);
        // Writing again joins the same spam session, quietly.
        await write('troll-1', 'still here');
        expect((await sessionsOf('troll-1')).map((s) => s.__id)).toEqual([session.__id]);
        expect(repliesTo('troll-1')).toEqual([]);
        // Deleting the entry counts from the next message: the spam session stays spam, a new one is queued.
        await removeEntry(entry);
        await write('troll-1', 'sorry');
        const [, fresh] = await sessionsOf('troll-1');
        expect((await sessionsOf('troll-1'))[0]).toMatchObject({ state: { code: 'marked_as_spam' } });
        expect(fresh).toMatchObject({ state: { code: 'waiting' } });
        await eventually(async () => repliesTo('troll-1').length > 0);
        await close(fresh.__id);
    });

    it('lets an allowlist entry override a blocklist entry, matching phones in E.164', async () => {
        ctx.messenger.profiles['uk-1'] = { id: 'uk-1', username: 'uk one', phoneNumber: '+44 20 7946 0001' };
        ctx.messenger.profiles['uk-2'] = { id: 'uk-2', username: 'uk two', phoneNumber: '0044 20 7946 0002' };
        const block = await addEntry({ rule_type: 'phone', rule_operator: 'starts_with', rule_value: '0044 20' });
        const allow = await addEntry({ list_type: 'allowlist', rule_type: 'phone', rule_value: '+44-20-7946-0002' });
        await write('uk-1');
        await write('uk-2');
        expect((await sessionsOf('uk-1'))[0]).toMatchObject({ state: { code: 'marked_as_spam' }, blocked_by: block });
        expect((await sessionsOf('uk-2'))[0]).toMatchObject({ state: { code: 'waiting' } });
        await close((await sessionsOf('uk-2'))[0].__id);
        await removeEntry(block);
        await removeEntry(allow);
    });

    it('blocks only in the live chats the entry names', async () => {
        const other = await ctx.t.request({ method: 'POST', url: '/api/apps/live_chats/lines/items', cookie: ctx.api.admin, body: { __name: 'Sales', operator_groups: ['operators'] } });
        const scoped = await addEntry({ rule_type: 'external_id', rule_value: 'scoped-1', all_lines: false, lines: [other.json().__id] });
        await write('scoped-1');
        expect((await sessionsOf('scoped-1'))[0]).toMatchObject({ state: { code: 'waiting' } });
        await close((await sessionsOf('scoped-1'))[0].__id);
        expect((await items('admin', `/${scoped}`, 'PATCH', { lines: [other.json().__id, ctx.chat.lineId] })).statusCode).toBe(200);
        await write('scoped-1');
        const [closed, spam] = await sessionsOf('scoped-1');
        expect(closed).toMatchObject({ state: { code: 'closed' } });
        expect(spam).toMatchObject({ state: { code: 'marked_as_spam' }, blocked_by: scoped });
        await removeEntry(scoped);
    });

    it('leaves a session that is already active alone when its client is blocked', async () => {
        await write('active-1');
        const [session] = await sessionsOf('active-1');
        const entry = await addEntry({ rule_type: 'external_id', rule_value: 'active-1' });
        await write('active-1', 'second');
        expect(await sessionsOf('active-1')).toEqual([expect.objectContaining({ __id: session.__id, state: { code: 'waiting', name: expect.any(String) } })]);
        await close(session.__id);
        await removeEntry(entry);
    });

    describe('Lock and Unlock account from a session', () => {
        let sessionId: string;
        beforeAll(async () => {
            await ctx.api.setStatus('operator1', 'online');
            await write('lock-1');
            sessionId = (await sessionsOf('lock-1'))[0].__id as string;
            expect((await ctx.api.call('operator1', 'take', { sessionId })).statusCode).toBe(200);
        });

        it('refuses an operator when the setting restricts locking to supervisors, and anyone Offline', async () => {
            await ctx.api.call('admin', 'save_settings', { allow_operators_to_lock_clients: false });
            const refused = await ctx.api.call('operator1', 'lock_client', { sessionId });
            expect(refused.statusCode).toBe(403);
            expect(refused.json().error.code).toBe('FORBIDDEN_ROLE');
            await ctx.api.call('admin', 'save_settings', { allow_operators_to_lock_clients: true });
            await ctx.api.setStatus('operator1', 'offline');
            expect((await ctx.api.call('operator1', 'lock_client', { sessionId })).json().error.code).toBe('OPERATOR_OFFLINE');
            await ctx.api.setStatus('operator1', 'online');
            expect((await ctx.api.call('operator2', 'lock_client', { sessionId })).json().error.code).toBe('NOT_YOUR_SESSION');
        });

        it('locks the client with an entry pre-filled from them, leaving the session as it is', async () => {
            const until = new Date(Date.now() + 86_400_000).toISOString();
            const res = await ctx.api.call('operator1', 'lock_client', { sessionId, until, reason: 'insults' });
            expect(res.statusCode).toBe(201);
            expect(res.json().entry).toMatchObject({
                list_type: 'blocklist', rule_type: 'external_id', rule_operator: 'equals', rule_value: 'lock-1', until, all_lines: false,
                lines: [ctx.chat.lineId], reason: 'insults',
            });
            expect((await ctx.api.call('operator1', 'lock_client', { sessionId })).json().error.code).toBe('CLIENT_ALREADY_LOCKED');
            expect((await sessionsOf('lock-1'))[0]).toMatchObject({ state: { code: 'assigned_to_operator' } });
            const card = (await ctx.api.get('operator1', 'session_card', { sessionId })).json();
            expect(card.clientLock).toMatchObject({ locked: true });
            expect(card.refusals).toMatchObject({ lock_client: 'The client is already locked in this live chat', unlock_client: null });
            await ctx.api.call('operator1', 'close', { sessionId });
            await write('lock-1', 'again');
            expect((await sessionsOf('lock-1'))[1]).toMatchObject({ state: { code: 'marked_as_spam' } });
        });

        it('unlocks: the client\'s own entries go, a broader rule is answered with an allowlist entry', async () => {
            const broad = await addEntry({ rule_type: 'external_id', rule_operator: 'starts_with', rule_value: 'lock-' });
            const res = await ctx.api.call('supervisor', 'unlock_client', { sessionId });
            expect(res.statusCode).toBe(200);
            expect(res.json().removed).toHaveLength(1);
            expect(res.json().allowlisted).toMatchObject({ list_type: 'allowlist', rule_type: 'external_id', rule_value: 'lock-1', lines: [ctx.chat.lineId] });
            expect((await ctx.api.call('supervisor', 'unlock_client', { sessionId })).json().error.code).toBe('CLIENT_NOT_LOCKED');
            await write('lock-1', 'free again');
            const sessions = await sessionsOf('lock-1');
            expect(sessions[1]).toMatchObject({ state: { code: 'marked_as_spam' } });
            expect(sessions[2]).toMatchObject({ state: { code: 'waiting' } });
            await close(sessions[2].__id);
            await removeEntry(broad);
        });

        it('cannot lock an employee of the internal channel', async () => {
            const wrote = await ctx.api.call('employee', 'internal_write', { lineId: ctx.chat.lineId, text: 'hi' });
            expect(wrote.statusCode).toBe(201);
            const session = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.channel === ctx.chat.internalChannelId)!;
            expect((await ctx.api.call('admin', 'lock_client', { sessionId: session.__id })).json().error.code).toBe('INTERNAL_CLIENT');
        });
    });

    it('never queues a blocked client and never spams an allowlisted one (random entries and clients)', async () => {
        const users = ['p-a1', 'p-a2', 'p-b1', 'p-b2'];
        const rule = fc.record({
            list_type: fc.constantFrom('blocklist', 'allowlist'),
            rule_operator: fc.constantFrom('equals', 'starts_with'),
            rule_value: fc.constantFrom('p-a1', 'p-a2', 'p-b1', 'p-a', 'p-b', 'p-'),
        });
        let round = 0;
        await fc.assert(fc.asyncProperty(fc.array(rule, { minLength: 1, maxLength: 4 }), fc.constantFrom(...users), async (rules, user) => {
            const ids = [];
            for (const r of rules) ids.push(await addEntry({ rule_type: 'external_id', ...r }));
            const who = `${user}-r${++round}`;
            const hits = rules.filter((r) => (r.rule_operator === 'equals' ? who === r.rule_value : who.startsWith(r.rule_value)));
            const allowed = hits.some((r) => r.list_type === 'allowlist');
            const blocked = !allowed && hits.some((r) => r.list_type === 'blocklist');
            await write(who);
            const [session] = await sessionsOf(who);
            const queued = (await queue()).sessions.some((s: { id: string }) => s.id === session.__id);
            for (const id of ids) await removeEntry(id);
            await ctx.api.call('admin', 'close', { sessionId: session.__id }).catch(() => undefined);
            if (blocked) return (session.state as { code: string }).code === 'marked_as_spam' && !queued;
            return (session.state as { code: string }).code === 'waiting' && queued;
        }), { numRuns: 12 });
    });

    it('answers the messenger as usual for a blocked client (token and idempotency unchanged)', async () => {
        const entry = await addEntry({ rule_type: 'external_id', rule_value: 'dup-troll' });
        const body = { type: 'message', token: TOKEN, data: { externalMessageId: 'dup-t-1', externalUserId: 'dup-troll', externalChatId: 'chat-dup-troll', text: 'x' } };
        const [a, b] = [await ctx.api.webhook(ctx.chat.otherChannelId, body), await ctx.api.webhook(ctx.chat.otherChannelId, body)];
        expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
        expect(b.json()).toMatchObject({ duplicate: true });
        await removeEntry(entry);
    });
});
