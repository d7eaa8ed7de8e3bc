/**
 * The arbitrary-messenger contract at its edges: idempotent inbound messages, the 401,
 * 404 and 400 answers (with nothing stored), userInfo and disconnect from the messenger,
 * and outbound replies retried while the messenger is down, then left to the operator's Retry.
 */
import { eventually, rows, TOKEN, useLiveChat } from './support/live-chat';

describe('the arbitrary messenger webhook', () => {
    const ctx = useLiveChat();
    const counts = async () => ({
        sessions: (await rows(ctx.t, ctx.api.admin, 'sessions')).length,
        messages: (await rows(ctx.t, ctx.api.admin, 'messages')).length,
        clients: (await rows(ctx.t, ctx.api.admin, 'clients')).length,
    });


    it('stores a repeated externalMessageId once and answers 200 both times', async () => {
        const first = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'dup-1', user: 'u-dup', text: 'once' });
        const second = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'dup-1', user: 'u-dup', text: 'once' });
        expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
        expect(second.json()).toMatchObject({ duplicate: true, messageId: first.json().messageId });
        const parallel = await Promise.all([1, 2, 3].map(() => ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'dup-2', user: 'u-dup', text: 'twice?' })));
        expect(parallel.map((r) => r.statusCode)).toEqual([200, 200, 200]);
        const stored = (await rows(ctx.t, ctx.api.admin, 'messages')).filter((m) => String(m.external_message_id).startsWith('dup-'));
        expect(stored.map((m) => m.external_message_id).sort()).toEqual(['dup-1', 'dup-2']);
    });

    it('answers 401 to a wrong token and stores nothing', async () => {
        const before = await counts();
        const res = await ctx.api.webhook(ctx.chat.otherChannelId, { type: 'message', token: 'wrong', data: { externalMessageId: 'x-1', externalUserId: 'u-x', text: 'hi' } });
        expect(res.statusCode).toBe(401);
        expect(await counts()).toEqual(before);
    });

    it('answers 404 to an unknown channel and to a channel that is not an arbitrary messenger', async () => {
        const body = { type: 'message', token: TOKEN, data: { externalMessageId: 'x-2', externalUserId: 'u-x', text: 'hi' } };
        expect((await ctx.api.webhook('no-such-channel', body)).statusCode).toBe(404);
        expect((await ctx.api.webhook(ctx.chat.internalChannelId, body)).statusCode).toBe(404);
    });

    it.each([
        ['a body that is not JSON', '{"type": "message",'],
        ['a body without type', { token: TOKEN }],
        ['a JSON array', [1, 2]],
        ['a message without data', { type: 'message', token: TOKEN }],
        ['a message without externalMessageId', { type: 'message', token: TOKEN, data: { externalUserId: 'u', text: 'hi' } }],
        ['a message without externalUserId', { type: 'message', token: TOKEN, data: { externalMessageId: 'b-1', text: 'hi' } }],
        ['a message with neither text nor files', { type: 'message', token: TOKEN, data: { externalMessageId: 'b-2', externalUserId: 'u', text: ' ' } }],
        ['files that are not a list of { name, URL }', { type: 'message', token: TOKEN, data: { externalMessageId: 'b-3', externalUserId: 'u', text: 'x', files: [{ name: 1 }] } }],
        ['an unknown type', { type: 'explode', token: TOKEN }],
    ])('answers 400 to %s and stores nothing', async (_name, body) => {
        const before = await counts();
        const res = await ctx.api.webhook(ctx.chat.otherChannelId, body);
        expect(res.statusCode).toBe(400);
        expect(await counts()).toEqual(before);
    });

    it('keeps file attachments of inbound messages', async () => {
        const res = await ctx.api.webhook(ctx.chat.otherChannelId, {
            type: 'message', token: TOKEN,
            data: { externalMessageId: 'f-1', externalChatId: 'c-f', externalUserId: 'u-f', text: '', files: [{ name: 'invoice.pdf', URL: 'https://files.example/1' }] },
        });
        expect(res.statusCode).toBe(200);
        const message = (await rows(ctx.t, ctx.api.admin, 'messages')).find((m) => m.external_message_id === 'f-1');
        expect(message).toMatchObject({ attachments: [{ name: 'invoice.pdf', url: 'https://files.example/1' }], __name: 'invoice.pdf' });
    });

    it('updates a client card when the messenger pushes userInfo', async () => {
        ctx.messenger.profiles['u-dup'] = { id: 'u-dup', username: 'dupont', phoneNumber: '+331234567' };
        const res = await ctx.api.webhook(ctx.chat.otherChannelId, { type: 'userInfo', token: TOKEN, data: { userId: 'u-dup' } });
        expect(res.statusCode).toBe(200);
        const client = (await rows(ctx.t, ctx.api.admin, 'clients')).find((c) => c.external_user_id === 'u-dup');
        expect(client).toMatchObject({ username: 'dupont', phone: { tel: '+331234567' } });
    });

    it('retries a reply while the messenger is down, gives up after the set attempts, and sends it again on Retry', async () => {
        await ctx.api.setStatus('operator1', 'online');
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'r-1', user: 'u-retry', text: 'anyone?', chat: 'chat-retry' });
        const waiting = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((x) => x.external_chat_id === 'chat-retry')!;
        const taken = (await ctx.api.call('operator1', 'take', { sessionId: waiting.__id })).json().session;
        ctx.messenger.down = true;
        const first = (await ctx.api.call('operator1', 'reply', { sessionId: taken.id, text: 'first reply' })).json().message;
        await ctx.api.call('operator1', 'reply', { sessionId: taken.id, text: 'second reply' });
        const thread = async () => (await ctx.api.get('operator1', 'session', { sessionId: taken.id })).json().messages as { text: string; deliveryState: string }[];
        await eventually(async () => (await thread()).find((m) => m.text === 'first reply')?.deliveryState === 'failed');
        ctx.messenger.down = false;
        // The given-up reply no longer holds the chat: the next one goes out by itself.
        await eventually(async () => (await thread()).find((m) => m.text === 'second reply')?.deliveryState === 'delivered', 10_000);
        expect((await thread()).find((m) => m.text === 'first reply')?.deliveryState).toBe('failed');
        expect((await ctx.api.call('operator1', 'retry_delivery', { sessionId: taken.id, messageId: first.id })).statusCode).toBe(200);
        await eventually(async () => (await thread()).filter((m) => m.deliveryState === 'delivered').length === 2, 10_000);
        const texts = ctx.messenger.ofType('message').filter((r) => r.data?.targetChatId === 'chat-retry').map((r) => r.data?.text);
        expect(texts).toEqual(['second reply', 'first reply']);
    });

    it('refuses messages after the messenger disconnects the channel', async () => {
        expect((await ctx.api.webhook(ctx.chat.otherChannelId, { type: 'disconnect', token: TOKEN, channelId: ctx.chat.otherChannelId })).statusCode).toBe(200);
        const before = await counts();
        const res = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'late-1', user: 'u-late', text: 'hello?' });
        expect(res.statusCode).toBe(404);
        expect(await counts()).toEqual(before);
        const reconnected = await ctx.api.call('admin', 'reconnect_channel', { channelId: ctx.chat.otherChannelId });
        expect(reconnected.json()).toMatchObject({ state: 'active', error: null });
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'late-1', user: 'u-late', text: 'hello?' })).statusCode).toBe(200);
    });
});
