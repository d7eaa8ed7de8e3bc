/**
 * Deleting a live chat leaves nothing orphaned: its open sessions are closed (history and
 * reports kept, a system note says why) and its channels are switched off, so a client
 * writing afterwards is refused instead of landing in a live chat nobody sees.
 */
import { rows, useLiveChat } from '../live-chats/support/live-chat';

describe('deleting a live chat', () => {
    const ctx = useLiveChat();

    it('closes its open sessions and disconnects its channels', async () => {
        await ctx.api.setStatus('operator1', 'online');
        for (const user of ['del-1', 'del-2']) {
            expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `m-${user}`, user, text: 'hello' })).statusCode).toBe(200);
        }
        expect((await ctx.api.call('employee', 'internal_write', { lineId: ctx.chat.lineId, text: 'hi from inside' })).statusCode).toBe(201);
        await ctx.t.host.idle();
        const taken = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-del-1')!;
        expect((await ctx.api.call('operator1', 'take', { sessionId: taken.__id as string })).statusCode).toBe(200);

        const res = await ctx.t.request({ method: 'DELETE', url: `/api/apps/live_chats/lines/items/${ctx.chat.lineId}`, cookie: ctx.api.admin });
        expect(res.statusCode).toBeLessThan(300);
        await ctx.t.host.idle();

        const sessions = await rows(ctx.t, ctx.api.admin, 'sessions');
        expect(sessions).toHaveLength(3);
        for (const s of sessions) expect(s).toMatchObject({ state: { code: 'closed' }, closed_at: expect.any(String) });
        const notes = (await rows(ctx.t, ctx.api.admin, 'messages')).filter((m) => m.staff_only && String(m.text).includes('was deleted'));
        expect(notes).toHaveLength(3);

        const channels = await rows(ctx.t, ctx.api.admin, 'channels');
        expect(channels.map((c) => c.state)).toEqual([{ code: 'disconnected', name: expect.any(String) }, { code: 'disconnected', name: expect.any(String) }]);
        await ctx.messenger.waitFor((r) => r.type === 'disconnect' && r.channelId === ctx.chat.otherChannelId);

        // The closed sessions count in the reports like any other.
        expect((await rows(ctx.t, ctx.api.admin, 'report_entries')).length).toBe(3);

        const late = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'm-late', user: 'del-1', text: 'still there?' });
        expect(late.statusCode).toBe(404);
        expect((await rows(ctx.t, ctx.api.admin, 'sessions')).every((s) => (s.state as { code: string }).code === 'closed')).toBe(true);
    });
});
