/**
 * A reply's "Delivered" reaches the tab showing the session live. The delivery timer is armed inside the
 * reply's transaction; its run must not inherit that finished transaction's context, or
 * its push lands in an after-commit list that already ran and the tab shows "Sending…"
 * until a reload.
 */
import WebSocket from 'ws';
import { sessionTopic } from '../../scripts/shared/topics';
import { eventually, useLiveChat } from '../live-chats/support/live-chat';
import { reply, takenSession } from './support/taken-session';

interface Pushed {
    type: string;
    event?: string;
    payload?: { message?: { id: string; deliveryState: string } };
}

describe('the Delivered push of a reply', () => {
    const ctx = useLiveChat();
    let socket: WebSocket;
    const pushed: Pushed[] = [];

    beforeAll(async () => {
        const address = await ctx.t.host.listen(0, '127.0.0.1');
        socket = new WebSocket(`${address.replace('http', 'ws')}/api/ws`, { headers: { cookie: ctx.api.cookies.operator1 } });
        socket.on('message', (data) => pushed.push(JSON.parse(data.toString()) as Pushed));
        await new Promise((resolve, reject) => socket.on('open', resolve).on('error', reject));
    });
    afterAll(() => socket.close());

    it('reaches the operator\'s open WebSocket once the messenger answered 200', async () => {
        const sessionId = await takenSession(ctx, 'chat-push');
        // The tab shows the session, as the desk does when it opens it.
        socket.send(JSON.stringify({ type: 'subscribe', topic: sessionTopic(sessionId) }));
        await eventually(async () => ctx.t.host.hub.subscribers(sessionTopic(sessionId)) === 1);
        const id = await reply(ctx, sessionId, 'on its way');
        await ctx.messenger.waitFor((r) => r.type === 'message' && r.data?.text === 'on its way');
        const delivered = () => pushed.some((p) => p.event === 'live_chats.message_updated'
            && p.payload?.message?.id === id && p.payload.message.deliveryState === 'delivered');
        const until = Date.now() + 3_000;
        while (!delivered() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        expect(delivered()).toBe(true);
    });
});
