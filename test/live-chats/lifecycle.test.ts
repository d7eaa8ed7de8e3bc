/**
 * Session actions beyond the happy path: take order and empty queue, reassign to an
 * operator or group, spam and its removal, +New session, edits, rename and priority,
 * and the validation of global settings.
 */
import { rows, useLiveChat } from './support/live-chat';

describe('session lifecycle actions', () => {
    const ctx = useLiveChat();
    let n = 0;

    const newSession = async (user = `lc-${++n}`) => {
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `lm-${++n}`, user, text: 'hello' });
        return (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === `chat-${user}`)!.__id as string;
    };
    const session = async (id: string) => (await ctx.api.get('admin', 'session', { sessionId: id })).json().session;

    beforeAll(async () => {
        for (const login of ['operator1', 'operator2', 'supervisor', 'admin']) await ctx.api.setStatus(login, 'online');
    });

    it('takes the oldest waiting session first, and answers QUEUE_EMPTY when none is left', async () => {
        const older = await newSession();
        const newer = await newSession();
        expect((await ctx.api.call('operator1', 'take', { lineId: ctx.chat.lineId })).json().session.id).toBe(older);
        expect((await ctx.api.call('operator2', 'take', { lineId: ctx.chat.lineId })).json().session.id).toBe(newer);
        const empty = await ctx.api.call('operator2', 'take', { lineId: ctx.chat.lineId });
        expect([empty.statusCode, empty.json().error.code]).toEqual([404, 'QUEUE_EMPTY']);
        expect((await ctx.api.call('operator1', 'take', { sessionId: newer })).json().error.code).toBe('SESSION_NOT_WAITING');
    });

    it('gives a session taken by two operators at once to exactly one of them', async () => {
        const id = await newSession();
        const answers = await Promise.all(['operator1', 'operator2'].map((who) => ctx.api.call(who, 'take', { sessionId: id })));
        expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
        expect(answers.find((r) => r.statusCode === 409)!.json().error.code).toBe('SESSION_NOT_WAITING');
        const winner = answers.find((r) => r.statusCode === 200)!.json().session.operator;
        expect((await session(id)).operator).toBe(winner);
    });

    it('reassigns to an operator (who is notified) and to a group queue; Offline targets are refused when the setting says so', async () => {
        const id = await newSession();
        await ctx.api.call('operator1', 'take', { sessionId: id });
        const moved = await ctx.api.call('operator1', 'reassign', { sessionId: id, operatorId: ctx.ids.operator2 });
        expect(moved.json().session).toMatchObject({ operator: ctx.ids.operator2, state: 'assigned_to_operator' });
        const notes = await ctx.t.host.store.system.notifications.forUser(ctx.ids.operator2, 10);
        expect(notes[0]).toMatchObject({ title: 'A session was assigned to you', link: `/widgets/live-chats/desk?line=${ctx.chat.lineId}&session=${id}` });

        await ctx.api.call('admin', 'save_settings', { reassign_only_to_online: true });
        await ctx.api.setStatus('operator1', 'offline');
        const refused = await ctx.api.call('operator2', 'reassign', { sessionId: id, operatorId: ctx.ids.operator1 });
        expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'TARGET_OFFLINE']);
        expect((await ctx.api.call('operator2', 'reassign', { sessionId: id, operatorId: ctx.ids.supervisor })).json().error.code).toBe('TARGET_NOT_OPERATOR');
        expect((await ctx.api.call('operator2', 'reassign', { sessionId: id, group: 'readers' })).json().error.code).toBe('TARGET_NOT_OPERATOR');
        expect((await session(id)).operator).toBe(ctx.ids.operator2);
        await ctx.api.setStatus('operator1', 'online');
        await ctx.api.call('admin', 'save_settings', { reassign_only_to_online: false });

        const queued = await ctx.api.call('operator2', 'reassign', { sessionId: id, group: 'operators' });
        expect(queued.json().session).toMatchObject({ state: 'waiting', operator: null, operatorGroup: 'operators' });
    });

    it('marks spam and removes from spam with the same operator and priority', async () => {
        const id = await newSession('spammer');
        await ctx.api.call('operator1', 'take', { sessionId: id });
        await ctx.api.call('operator1', 'set_priority', { sessionId: id, priority: 'high' });
        expect((await ctx.api.call('operator1', 'mark_spam', { sessionId: id })).json().session.state).toBe('marked_as_spam');
        const listed = (await ctx.api.get('operator1', 'sessions', { lineId: ctx.chat.lineId, view: 'mine' })).json().sessions.map((s: { id: string }) => s.id);
        expect(listed).not.toContain(id);
        expect((await ctx.api.call('operator1', 'reply', { sessionId: id, text: 'x' })).json().error.code).toBe('SESSION_IS_SPAM');
        // The client may go on writing: kept in the spam session, which is not routed again.
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'spam-more', user: 'spammer', text: 'BUY NOW' });
        expect((await session(id)).state).toBe('marked_as_spam');
        expect((await ctx.api.get('admin', 'session', { sessionId: id })).json().messages.map((m: { text: string }) => m.text)).toContain('BUY NOW');
        expect((await ctx.api.get('supervisor', 'sessions', { lineId: ctx.chat.lineId, view: 'spam' })).json().sessions.map((s: { id: string }) => s.id)).toEqual([id]);
        const restored = await ctx.api.call('supervisor', 'unmark_spam', { sessionId: id });
        expect(restored.json().session).toMatchObject({ state: 'assigned_to_operator', operator: ctx.ids.operator1, priority: 'high' });
        expect((await ctx.api.call('supervisor', 'unmark_spam', { sessionId: id })).json().error.code).toBe('SESSION_NOT_SPAM');
    });

    it('starts a +New session with an external client and delivers the first message', async () => {
        const res = await ctx.api.call('operator2', 'new_session', { channelId: ctx.chat.otherChannelId, externalUserId: 'outbound-1', externalChatId: 'chat-out-1', text: 'We have news for you' });
        expect(res.statusCode).toBe(201);
        expect(res.json().session).toMatchObject({ operator: ctx.ids.operator2, state: 'assigned_to_operator', externalChatId: 'chat-out-1' });
        await ctx.messenger.waitFor((r) => r.type === 'message' && r.data?.targetChatId === 'chat-out-1' && r.data?.text === 'We have news for you');
        const again = await ctx.api.call('operator1', 'new_session', { channelId: ctx.chat.otherChannelId, externalUserId: 'outbound-1', text: 'Me too' });
        expect(again.json().error.code).toBe('CLIENT_HAS_OPEN_SESSION');
        const internal = await ctx.api.call('operator1', 'new_session', { channelId: ctx.chat.internalChannelId, externalUserId: 'x', text: 'hi' });
        expect(internal.json().error.code).toBe('CHANNEL_INACTIVE');
    });

    it('edits own messages while editing is allowed, renames and validates priority', async () => {
        const id = await newSession();
        await ctx.api.call('operator1', 'take', { sessionId: id });
        const message = (await ctx.api.call('operator1', 'reply', { sessionId: id, text: 'Typo hree' })).json().message;
        const edited = await ctx.api.call('operator1', 'edit_message', { messageId: message.id, text: 'Typo here' });
        expect(edited.json().message).toMatchObject({ text: 'Typo here', editedAt: expect.any(String) });
        expect((await ctx.api.call('supervisor', 'edit_message', { messageId: message.id, text: 'not mine' })).json().error.code).toBe('NOT_YOUR_MESSAGE');
        await ctx.api.call('admin', 'save_settings', { allow_editing_messages: false });
        expect((await ctx.api.call('operator1', 'edit_message', { messageId: message.id, text: 'again' })).json().error.code).toBe('EDITING_DISABLED');
        await ctx.api.call('admin', 'save_settings', { allow_editing_messages: true });
        expect((await ctx.api.call('operator1', 'rename', { sessionId: id, name: '<i>Refund</i> request' })).json().session.name).toBe('<i>Refund</i> request');
        const bad = await ctx.api.call('operator1', 'set_priority', { sessionId: id, priority: 'urgent' });
        expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect((await session(id)).priority).toBeNull();
    });

    it('validates global settings and keeps them unchanged on bad input', async () => {
        const res = await ctx.api.call('admin', 'save_settings', { auto_offline_minutes: 1, sounds: 'loud', colour: 'red' });
        expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { auto_offline_minutes: 'invalid value', sounds: 'invalid value', colour: 'unknown setting' } });
        expect((await ctx.api.get('operator1', 'settings', {})).json().settings).toMatchObject({ auto_offline_minutes: 2, sounds: true });
        expect((await ctx.api.call('operator1', 'save_settings', { sounds: false })).json().error.code).toBe('FORBIDDEN_ROLE');
    });
});
