/**
 * The `session` method answers a page of the session's messages, never the whole history:
 * the newest first page, then earlier pages by `beforeSeq`.
 */
import { rows, useLiveChat } from './support/live-chat';

describe('session paging', () => {
    const ctx = useLiveChat();

    it('answers the newest page and pages back to the first message', async () => {
        for (let i = 0; i < 130; i++) await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `p-${i}`, user: 'u-pages', text: `Line ${i}` });
        const sessionId = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-u-pages')!.__id as string;
        const texts = (page: { messages: { text: string; authorKind: string }[] }) => page.messages.filter((m) => m.authorKind === 'client').map((m) => m.text);
        const first = (await ctx.api.get('operator1', 'session', { sessionId })).json();
        expect(first.messages).toHaveLength(100);
        expect(first.hasMore).toBe(true);
        expect(texts(first).at(-1)).toBe('Line 129');
        const seen = [...texts(first)];
        let page = first;
        while (page.hasMore) {
            page = (await ctx.api.get('operator1', 'session', { sessionId, beforeSeq: String(page.messages[0].seq), size: '50' })).json();
            seen.unshift(...texts(page));
        }
        expect(seen).toEqual(Array.from({ length: 130 }, (_, i) => `Line ${i}`));
        expect((await ctx.api.get('operator1', 'session', { sessionId, size: '201' })).json().error.code).toBe('VALIDATION_FAILED');
    });
});
