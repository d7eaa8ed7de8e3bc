/**
 * The internal channel: an employee in an internal-customer group writes to a live chat
 * from the Messages workspace, and the operator's reply reaches their open tabs live.
 */
import { startTestHost, type TestHost } from '../support/test-host';
import { apiFor, createLiveChat, rows, type Api, type LiveChat } from './support/live-chat';

describe('the internal channel', () => {
    let t: TestHost;
    let api: Api;
    let chat: LiveChat;
    let employeeId: string;
    const pushed: { event: string; payload: { message?: { text: string; authorKind: string } } }[] = [];

    beforeAll(async () => {
        t = await startTestHost();
        api = await apiFor(t);
        chat = await createLiveChat(t, api, null);
        employeeId = (await t.host.store.system.users.byLogin('employee'))!.id;
        t.host.hub.connect(employeeId, { send: (text) => pushed.push(JSON.parse(text)) });
    });
    afterAll(() => t.close());

    it('lists the live chats the employee may write to', async () => {
        expect((await api.get('employee', 'internal_lines', {})).json()).toEqual({ lines: [{ id: chat.lineId, name: 'Support' }] });
        expect((await api.get('operator1', 'internal_lines', {})).json()).toEqual({ lines: [] });
    });

    it('carries a conversation both ways and keeps staff notes from the employee', async () => {
        const sent = await api.call('employee', 'internal_write', { lineId: chat.lineId, text: 'My laptop <b>is</b> broken', clientMessageId: 'e-1' });
        expect(sent.statusCode).toBe(201);
        const again = await api.call('employee', 'internal_write', { lineId: chat.lineId, text: 'My laptop <b>is</b> broken', clientMessageId: 'e-1' });
        expect(again.json()).toMatchObject({ duplicate: true });
        const [session] = await rows(t, api.admin, 'sessions');
        expect(session).toMatchObject({ __name: 'Emil Employee via Messages', state: { code: 'waiting' } });
        const [client] = await rows(t, api.admin, 'clients');
        expect(client).toMatchObject({ user: employeeId, channel: chat.internalChannelId, external_user_id: null });

        await api.setStatus('operator1', 'online');
        await api.call('operator1', 'take', { sessionId: session.__id });
        expect((await api.call('operator1', 'reply', { sessionId: session.__id, text: 'Restart it, please' })).statusCode).toBe(201);
        await api.call('operator1', 'system_note', { sessionId: session.__id, text: 'Staff only: known issue' });
        expect(pushed.filter((p) => p.event === 'live_chats.message').map((p) => p.payload.message)).toEqual([
            expect.objectContaining({ text: 'Restart it, please', authorKind: 'operator', deliveryState: 'delivered' }),
        ]);
        const thread = (await api.get('employee', 'internal_thread', { lineId: chat.lineId })).json();
        expect(thread.messages.map((m: { text: string }) => m.text)).toEqual(['My laptop <b>is</b> broken', 'Restart it, please']);
    });

    it('refuses employees outside the internal customer groups, and spam marking of internal sessions', async () => {
        expect((await api.call('reader', 'internal_write', { lineId: chat.lineId, text: 'hi' })).json().error.code).toBe('FORBIDDEN_ROLE');
        expect((await api.get('reader', 'internal_thread', { lineId: chat.lineId })).json().error.code).toBe('FORBIDDEN_ROLE');
        const [session] = await rows(t, api.admin, 'sessions');
        expect((await api.call('operator1', 'mark_spam', { sessionId: session.__id })).json().error.code).toBe('SPAM_NOT_ALLOWED');
    });

    it('refuses an empty message with VALIDATION_FAILED and stores nothing', async () => {
        const before = (await rows(t, api.admin, 'messages')).length;
        const res = await api.call('employee', 'internal_write', { lineId: chat.lineId, text: '   ' });
        expect([res.statusCode, res.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(await rows(t, api.admin, 'messages')).toHaveLength(before);
    });
});
