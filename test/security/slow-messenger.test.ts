/**
 * One slow chat must not stall the others: timers run side by side (bounded), so a reply
 * to a chat whose messenger answers at once is delivered while another chat's messenger
 * still holds its request. Replies to the slow chat itself stay in order behind it.
 */
import { eventually, useLiveChat } from '../live-chats/support/live-chat';
import { reply, takenSession } from './support/taken-session';

describe('a slow messenger', () => {
    const ctx = useLiveChat();
    let release: () => void = () => undefined;

    afterAll(() => release());

    it('delays only its own chat', async () => {
        const slow = await takenSession(ctx, 'chat-slow');
        const fast = await takenSession(ctx, 'chat-fast');
        const held = new Promise<void>((r) => (release = r));
        ctx.messenger.gate = (r) => (r.type === 'message' && r.data?.targetChatId === 'chat-slow' ? held : undefined);

        await reply(ctx, slow, 'slow one');
        await ctx.messenger.waitFor((r) => r.data?.text === 'slow one');
        await reply(ctx, slow, 'slow two');
        await reply(ctx, fast, 'fast one');

        // The fast chat's reply arrives while the slow chat's first request is still unanswered,
        // and the slow chat's second reply waits for its first.
        await ctx.messenger.waitFor((r) => r.data?.text === 'fast one', 3_000);
        expect(ctx.messenger.received.some((r) => r.data?.text === 'slow two')).toBe(false);

        release();
        await eventually(async () => ctx.messenger.received.some((r) => r.data?.text === 'slow two'));
        const slowTexts = ctx.messenger.ofType('message').filter((r) => r.data?.targetChatId === 'chat-slow').map((r) => r.data?.text);
        expect(slowTexts).toEqual(['slow one', 'slow two']);
    });
});
