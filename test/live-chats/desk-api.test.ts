/**
 * The API methods behind the operator's desk: navigation per live chat, the desk's state and
 * counters by role, the information panel's refusal reasons (the same the actions give),
 * the thread paged upward across a resumed client's sessions, search, and retry.
 */
import { sessionTopic } from '../../scripts/shared/topics';
import { eventually, useLiveChat } from './support/live-chat';

describe('desk API', () => {
    const c = useLiveChat();
    const pagesOf = async (login: string) => ((await c.t.request({ method: 'GET', url: '/api/workspaces', cookie: c.api.cookies[login] })).json().workspaces as
        { sections: { code: string; pages: { name: string; path: string }[] }[] }[]).flatMap((w) => w.sections.filter((s) => ['desk', 'messages'].includes(s.code)).flatMap((s) => s.pages));
    let sessionId: string;

    it('adds a desk page per live chat for its staff and the Messages page for internal customers, nothing for readers', async () => {
        expect(await pagesOf('operator1')).toEqual([{ code: expect.any(String), name: 'Support', path: `/widgets/live-chats/desk?line=${c.chat.lineId}` }]);
        expect((await pagesOf('supervisor')).map((p) => p.name)).toEqual(['Support']);
        expect(await pagesOf('employee')).toEqual([{ code: 'messages', name: 'Messages', path: '/widgets/live-chats/messages' }]);
        expect(await pagesOf('reader')).toEqual([]);
        expect((await c.api.get('employee', 'my_status', {})).json()).toEqual({ status: 'offline', staff: false });
        expect((await c.api.get('operator1', 'my_status', {})).json()).toEqual({ status: 'offline', staff: true });
    });

    it('gives each role its counters: the queue to operators, unassigned to supervisors; readers get no desk', async () => {
        await c.api.clientWrites(c.chat.otherChannelId, { id: 'd-1', user: 'dora', text: 'First question', chatName: 'Dora' });
        const operator = (await c.api.get('operator1', 'desk', { lineId: c.chat.lineId })).json();
        expect(operator).toMatchObject({ role: 'operator', status: 'offline', counts: { queue: 1, mine: 0, unassigned: null }, line: { name: 'Support' } });
        expect(operator.settings).toEqual({ send_with: 'ctrl_enter', allow_editing_messages: true, show_system_messages: true, sounds: true });
        expect(operator.channels).toEqual([{ id: c.chat.otherChannelId, name: 'Bridge' }]);
        expect((await c.api.get('supervisor', 'desk', { lineId: c.chat.lineId })).json().counts).toEqual({ queue: 1, mine: 0, unassigned: 1 });
        expect((await c.api.get('reader', 'desk', { lineId: c.chat.lineId })).json().error.code).toBe('FORBIDDEN_ROLE');
        await c.api.call('admin', 'save_settings', { show_queue_count_to_operators: false });
        expect((await c.api.get('operator1', 'desk', { lineId: c.chat.lineId })).json().counts.queue).toBeNull();
        await c.api.call('admin', 'save_settings', { show_queue_count_to_operators: true });
    });

    it('tells why each action of the information panel is refused, as the action itself would', async () => {
        sessionId = (await c.api.get('operator1', 'sessions', { lineId: c.chat.lineId, view: 'queue' })).json().sessions[0].id;
        const offline = (await c.api.get('operator1', 'session_card', { sessionId })).json();
        expect(offline.refusals.take).toBe('Switch to Online to work on sessions');
        expect(offline.clients).toEqual([{ id: expect.any(String), name: expect.stringMatching(/Dora|dora/) }]);
        const refused = await c.api.call('operator1', 'take', { sessionId });
        expect(refused.json().error.message).toBe(offline.refusals.take);

        await c.api.setStatus('operator1', 'online');
        const online = (await c.api.get('operator1', 'session_card', { sessionId })).json();
        expect(online.refusals).toMatchObject({ take: null, reply: 'The session is not assigned to you', close: 'The session is not assigned to you', set_properties: 'The session is not assigned to you' });
        await c.api.call('operator1', 'take', { sessionId });
        const mine = (await c.api.get('operator1', 'session_card', { sessionId })).json();
        expect(mine.refusals).toEqual({
            take: 'The session is not waiting in the queue', reply: null, rename: null, set_priority: null, set_properties: null, reassign: null, close: null, mark_spam: null,
            lock_client: null, unlock_client: 'The client is not locked in this live chat', unmark_spam: 'An operator of this live chat cannot unmark spam',
        });
        expect(mine.operatorName).toBe('Olga Operator');
    });

    it('pages the thread upward across the client\'s earlier session, without loading it all', async () => {
        await c.api.call('operator1', 'close', { sessionId });
        for (let i = 0; i < 8; i++) await c.api.clientWrites(c.chat.otherChannelId, { id: `d-more-${i}`, user: 'dora', text: `Again ${i}` });
        const first = (await c.api.get('operator1', 'thread', { sessionId, size: '5' })).json();
        expect(first.messages.map((m: { text: string }) => m.text)).toEqual(['Again 3', 'Again 4', 'Again 5', 'Again 6', 'Again 7']);
        expect(first.hasMore).toBe(true);
        let beforeSeq = String(first.messages[0].seq);
        const seen: string[] = [];
        for (let guard = 0; guard < 10; guard++) {
            const page = (await c.api.get('operator1', 'thread', { sessionId, size: '5', beforeSeq })).json();
            seen.unshift(...page.messages.map((m: { text: string }) => m.text));
            if (!page.hasMore) break;
            beforeSeq = String(page.messages[0].seq);
        }
        expect(seen).toEqual(expect.arrayContaining(['First question', 'Again 0', 'Again 2']));
        expect(first.sessions[sessionId]).toMatchObject({ name: expect.any(String), state: expect.any(String) });
        expect((await c.api.get('operator1', 'thread', { sessionId, size: '500' })).json().error.code).toBe('VALIDATION_FAILED');
    });

    it('finds sessions by name and by message text within the live chat', async () => {
        const byText = (await c.api.get('operator1', 'search_sessions', { lineId: c.chat.lineId, q: 'first quest' })).json().sessions;
        expect(byText.map((s: { id: string }) => s.id)).toEqual([sessionId]);
        const name = byText[0].name as string;
        const byName = (await c.api.get('supervisor', 'search_sessions', { lineId: c.chat.lineId, q: name.slice(0, 4) })).json().sessions;
        expect(byName.map((s: { id: string }) => s.id)).toContain(sessionId);
        expect((await c.api.get('operator1', 'search_sessions', { lineId: c.chat.lineId, q: 'nothing like this' })).json().sessions).toEqual([]);
        expect((await c.api.get('reader', 'search_sessions', { lineId: c.chat.lineId, q: 'first' })).json().error.code).toBe('FORBIDDEN_ROLE');
    });

    it('retries a reply only for whoever may reply, and only while it waits for delivery', async () => {
        const state = (await c.api.get('operator1', 'session', { sessionId })).json().session.state;
        if (state === 'waiting') await c.api.call('operator1', 'take', { sessionId });
        const reply = (await c.api.call('operator1', 'reply', { sessionId, text: 'On it' })).json().message;
        expect((await c.api.call('operator2', 'retry_delivery', { sessionId, messageId: reply.id })).json().error.code).toMatch(/OPERATOR_OFFLINE|NOT_YOUR_SESSION/);
        await eventually(async () => ((await c.api.get('operator1', 'session', { sessionId })).json().messages as { id: string; deliveryState: string }[])
            .some((m) => m.id === reply.id && m.deliveryState === 'delivered'));
        const again = await c.api.call('operator1', 'retry_delivery', { sessionId, messageId: reply.id });
        expect([again.statusCode, again.json().error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('lets an employee edit only their own message, and tells staff live', async () => {
        const written = (await c.api.call('employee', 'internal_write', { lineId: c.chat.lineId, text: 'Printer jammed' })).json().message;
        const tab: string[] = [];
        const connection = { send: (text: string) => tab.push(text) };
        const close = c.t.host.hub.connect(c.ids.supervisor, connection);
        c.t.host.hub.subscribe(connection, sessionTopic(written.session));
        const edited = await c.api.call('employee', 'internal_edit', { messageId: written.id, text: 'Printer jammed on floor 2' });
        expect(edited.json().message).toMatchObject({ text: 'Printer jammed on floor 2', editedAt: expect.any(String) });
        await eventually(async () => tab.some((t) => t.includes('message_updated') && t.includes('floor 2')));
        close();
        expect((await c.api.call('operator1', 'internal_edit', { messageId: written.id, text: 'x' })).json().error.code).toBe('FORBIDDEN_ROLE');
        await c.api.setStatus('operator1', 'online');
        await c.api.call('operator1', 'take', { sessionId: written.session });
        const reply = (await c.api.call('operator1', 'reply', { sessionId: written.session, text: 'Coming' })).json().message;
        expect((await c.api.call('employee', 'internal_edit', { messageId: reply.id, text: 'x' })).json().error.code).toBe('NOT_YOUR_MESSAGE');
    });
});
