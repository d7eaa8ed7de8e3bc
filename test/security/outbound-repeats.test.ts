/**
 * Outbound replies reach the client once. Every `message` carries the host's id of the
 * reply (`data.messageId`) so a bridge can drop a repeat the host sends after losing the
 * 200; a messenger slower than the (configurable) timeout gets a bounded number of
 * attempts, after which the reply is Not delivered, the chat's later replies go on, and
 * the operator's Retry sends it again with the same id.
 */
import { eventually, useLiveChat } from '../live-chats/support/live-chat';
import { quietTimers, reply, takenSession } from './support/taken-session';

describe('outbound replies and repeats', () => {
    const ctx = useLiveChat();
    const stateOf = async (sessionId: string, id: string) => ((await ctx.api.get('operator1', 'session', { sessionId })).json().messages as { id: string; deliveryState: string }[])
        .find((m) => m.id === id)?.deliveryState;

    it('sends the reply\'s id as data.messageId', async () => {
        const sessionId = await takenSession(ctx, 'chat-id');
        const id = await reply(ctx, sessionId, 'with an id');
        const sent = await ctx.messenger.waitFor((r) => r.data?.text === 'with an id');
        expect(sent.data).toEqual({ targetChatId: 'chat-id', text: 'with an id', files: [], messageId: id });
    });

    it('gives a messenger that answers after the timeout a bounded number of attempts, all with the same id', async () => {
        const saved = await ctx.api.call('admin', 'save_settings', { messenger_timeout_ms: 200, delivery_max_attempts: 3 });
        expect(saved.statusCode).toBe(200);
        const sessionId = await takenSession(ctx, 'chat-late');
        let late = true;
        ctx.messenger.gate = (r) => (late && r.data?.text === 'too late' ? new Promise((done) => setTimeout(done, 1_000)) : undefined);

        const id = await reply(ctx, sessionId, 'too late');
        await eventually(async () => (await stateOf(sessionId, id)) === 'failed', 10_000);
        await new Promise((r) => setTimeout(r, 600));
        const repeats = () => ctx.messenger.ofType('message').filter((r) => r.data?.text === 'too late');
        expect(repeats().map((r) => r.data?.messageId)).toEqual([id, id, id]);

        // The chat is not stuck behind it.
        const next = await reply(ctx, sessionId, 'still here');
        await eventually(async () => (await stateOf(sessionId, next)) === 'delivered');

        late = false;
        await quietTimers(ctx);
        expect((await ctx.api.call('operator1', 'retry_delivery', { sessionId, messageId: id })).statusCode).toBe(200);
        await eventually(async () => (await stateOf(sessionId, id)) === 'delivered');
        expect(repeats().map((r) => r.data?.messageId)).toEqual([id, id, id, id]);
    });

    it('refuses timeout and attempt settings out of range', async () => {
        const res = await ctx.api.call('admin', 'save_settings', { messenger_timeout_ms: 5, delivery_max_attempts: 0 });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details).toEqual({ messenger_timeout_ms: 'invalid value', delivery_max_attempts: 'invalid value' });
    });
});
