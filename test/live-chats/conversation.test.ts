/**
 * The heart of the product, black-box: a client writes through the arbitrary messenger,
 * the session waits in the queue, an operator takes it and replies, the reply reaches the
 * messenger, the session closes, the client writes again and the same session resumes
 * with its history.
 */
import type { Connection } from '../../host/runtime/realtime-hub';
import { lineTopic, sessionTopic } from '../../scripts/shared/topics';
import { eventually, rows, TOKEN, useLiveChat } from './support/live-chat';

describe('a conversation through the arbitrary messenger', () => {
    const ctx = useLiveChat();
    const events: string[] = [];
    const pushed: Record<string, { event: string; payload: { message?: { text: string } } }[]> = { operator2: [], reader: [] };
    const tabs: Record<string, Connection> = {};

    beforeAll(async () => {
        ctx.t.host.runner.onDidEmit((e) => events.push(e.event));
        // Both tabs show the live chat's lists; the reader is not staff, so gets nothing of them.
        for (const login of Object.keys(pushed)) {
            tabs[login] = { send: (text) => pushed[login].push(JSON.parse(text)) };
            ctx.t.host.hub.connect(ctx.ids[login], tabs[login]);
            ctx.t.host.hub.subscribe(tabs[login], lineTopic(ctx.chat.lineId));
        }
        ctx.messenger.profiles['u-alice'] = { id: 'u-alice', username: 'alice', phoneNumber: '+4915100000', avatar: 'data:image/png;base64,iVBORw0KGgo=' };
    });

    it('sends connect with the webhook URL when the channel is created, and the channel becomes Active', async () => {
        const connect = ctx.messenger.ofType('connect')[0];
        expect(connect).toEqual({
            type: 'connect', token: TOKEN, channelId: ctx.chat.otherChannelId,
            data: { webhook: `http://127.0.0.1/api/messengers/external/other/webhook/${ctx.chat.otherChannelId}` },
        });
        const channel = (await rows(ctx.t, ctx.api.admin, 'channels')).find((c) => c.__id === ctx.chat.otherChannelId);
        expect(channel).toMatchObject({ state: { code: 'active' }, last_error: null });
    });

    it('goes from the first message to a resumed session with the whole history', async () => {
        await ctx.api.setStatus('operator1', 'online');
        const hostile = 'Hello <script>alert(1)</script> & "you"';
        const first = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'm-1', user: 'u-alice', text: hostile, chat: 'chat-alice' });
        expect(first.statusCode).toBe(200);
        expect(first.json()).toMatchObject({ ok: true, duplicate: false });

        // The unknown user was looked up and the card filled from the messenger's answer.
        expect(ctx.messenger.ofType('userInfo')).toEqual([{ type: 'userInfo', token: TOKEN, channelId: ctx.chat.otherChannelId, data: { userId: 'u-alice' } }]);
        const [client] = await rows(ctx.t, ctx.api.admin, 'clients');
        expect(client).toMatchObject({ __name: 'alice', username: 'alice', external_user_id: 'u-alice', phone: { type: 'mobile', tel: '+4915100000' } });
        await ctx.messenger.waitFor((r) => r.type === 'messageOutcome' && r.data?.messageId === 'm-1');
        expect(ctx.messenger.ofType('messageOutcome')[0].data).toEqual({ success: true, messageId: 'm-1' });

        // Every operator of the live chat showing its lists sees the new session and that a
        // client wrote; the messages themselves go only to tabs showing the session. (Pushes
        // cross a bus when several instances share the store: they arrive a moment later.)
        await eventually(async () => ['live_chats.session_created', 'live_chats.session_queued'].every((e) => pushed.operator2.some((p) => p.event === e)));
        expect(pushed.operator2.map((p) => p.event)).toEqual(expect.arrayContaining([
            'live_chats.session_created', 'live_chats.session_queued', 'live_chats.lists_changed', 'live_chats.notice',
        ]));
        expect(pushed.operator2.map((p) => p.event)).not.toContain('live_chats.message_created');
        expect(pushed.reader).toEqual([]);

        // Default rule: the common queue, named by the naming template.
        const queue = (await ctx.api.get('operator1', 'sessions', { lineId: ctx.chat.lineId, view: 'queue' })).json();
        expect(queue.counts).toEqual({ queue: 1, mine: 0 });
        const session = queue.sessions[0];
        for (const login of Object.keys(pushed)) ctx.t.host.hub.subscribe(tabs[login], sessionTopic(session.id));
        expect(session).toMatchObject({ name: 'alice via Bridge', state: 'waiting', operator: null, routingRule: 'Default', externalChatId: 'chat-alice' });

        const taken = await ctx.api.call('operator1', 'take', { lineId: ctx.chat.lineId });
        expect(taken.statusCode).toBe(200);
        expect(taken.json().session).toMatchObject({ id: session.id, state: 'assigned_to_operator', operator: expect.any(String) });

        const reply = await ctx.api.call('operator1', 'reply', { sessionId: session.id, text: 'Hi Alice, <b>how</b> can I help?' });
        expect(reply.statusCode).toBe(201);
        // Tabs showing the session get the message as stored (clients escape it); readers are
        // only told which thread changed (ids, no text), so their widget fetches what they may see.
        const text = 'Hi Alice, <b>how</b> can I help?';
        await eventually(async () => pushed.reader.length > 0 && pushed.operator2.some((p) => p.event === 'live_chats.message_created' && p.payload.message?.text === text));
        expect(new Set(pushed.reader.map((p) => p.event))).toEqual(new Set(['live_chats.thread_changed']));
        expect(Object.keys(pushed.reader[0].payload).sort()).toEqual(['line', 'session']);
        const delivered = await ctx.messenger.waitFor((r) => r.type === 'message');
        expect(delivered).toEqual({
            type: 'message', token: TOKEN, channelId: ctx.chat.otherChannelId,
            data: { targetChatId: 'chat-alice', text: 'Hi Alice, <b>how</b> can I help?', files: [], messageId: reply.json().message.id },
        });
        await eventually(async () => (await ctx.api.get('operator1', 'session', { sessionId: session.id })).json().messages
            .find((m: { authorKind: string }) => m.authorKind === 'operator')?.deliveryState === 'delivered');

        expect((await ctx.api.call('operator1', 'mark_read', { sessionId: session.id })).json()).toEqual({ read: 1 });
        await ctx.messenger.waitFor((r) => r.type === 'markAsRead');
        expect(ctx.messenger.ofType('markAsRead')).toEqual([{ type: 'markAsRead', token: TOKEN, channelId: ctx.chat.otherChannelId, data: { messageId: 'm-1' } }]);

        expect((await ctx.api.call('operator1', 'close', { sessionId: session.id })).json().session).toMatchObject({ state: 'closed', closedAt: expect.any(String) });

        const again = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'm-2', user: 'u-alice', text: 'Me again', chat: 'chat-alice' });
        expect(again.statusCode).toBe(200);
        const thread = (await ctx.api.get('operator1', 'session', { sessionId: session.id })).json();
        expect(thread.session).toMatchObject({ id: session.id, state: 'waiting', closedAt: null });
        expect(thread.messages.map((m: { authorKind: string; text: string; staffOnly: boolean }) => [m.authorKind, m.text, m.staffOnly])).toEqual([
            ['client', hostile, false],
            ['system', 'Waiting in the common queue', true],
            ['system', 'Olga Operator took the session', true],
            ['operator', 'Hi Alice, <b>how</b> can I help?', false],
            ['system', 'Closed by Olga Operator', true],
            ['client', 'Me again', false],
            ['system', 'Waiting in the common queue', true],
        ]);
        expect(await rows(ctx.t, ctx.api.admin, 'sessions')).toHaveLength(1);
        // The card is known now: no second userInfo.
        expect(ctx.messenger.ofType('userInfo')).toHaveLength(1);

        await ctx.t.host.idle();
        expect(events).toEqual(expect.arrayContaining([
            'live_chats.session_created', 'live_chats.client_message', 'live_chats.session_assigned', 'live_chats.session_closed',
        ]));
        expect(events.filter((e) => e === 'live_chats.client_message')).toHaveLength(2);
    });
});
