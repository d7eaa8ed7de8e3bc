/**
 * The live chat's pushes go by topic: a message in one session reaches the tabs showing that
 * session and not those showing another session of the same live chat; tabs showing the
 * lists hear only that something changed; someone outside the live chat hears nothing even
 * when subscribed.
 */
import type { Connection } from '../../host/runtime/realtime-hub';
import { lineTopic, sessionTopic } from '../../scripts/shared/topics';
import { eventually, rows, useLiveChat } from './support/live-chat';

interface Push { type: string; event: string; payload: { session?: string; message?: { text: string } } }

describe('live chat pushes by topic', () => {
    const ctx = useLiveChat();
    const opened: (() => void)[] = [];

    function tab(login: string, ...topics: string[]): Push[] {
        const pushed: Push[] = [];
        const connection: Connection = { send: (text) => pushed.push(JSON.parse(text) as Push) };
        opened.push(ctx.t.host.hub.connect(ctx.ids[login], connection));
        for (const topic of topics) ctx.t.host.hub.subscribe(connection, topic);
        return pushed;
    }

    afterAll(() => opened.forEach((close) => close()));

    async function sessionOf(user: string): Promise<string> {
        const sessions = await rows(ctx.t, ctx.api.admin, 'sessions');
        const found = sessions.find((s) => String(s.__name).startsWith(user));
        if (!found) throw new Error(`No session of ${user}`);
        return String(found.__id);
    }

    it('sends a message of session A to tabs showing A, not to tabs showing session B', async () => {
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'a-1', user: 'u-anna', text: 'first from Anna' })).statusCode).toBe(200);
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'b-1', user: 'u-bert', text: 'first from Bert' })).statusCode).toBe(200);
        await ctx.t.host.idle();
        const [a, b] = [await sessionOf('u-anna'), await sessionOf('u-bert')];
        expect(a).not.toBe(b);

        const showingA = tab('operator1', sessionTopic(a));
        const showingB = tab('operator2', sessionTopic(b));
        const showingLists = tab('supervisor', lineTopic(ctx.chat.lineId));
        const readerOfA = tab('reader', sessionTopic(a));
        const outsider = tab('employee', sessionTopic(a), lineTopic(ctx.chat.lineId));

        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'a-2', user: 'u-anna', text: 'Anna again' })).statusCode).toBe(200);
        await ctx.t.host.idle();
        await eventually(async () => showingA.some((p) => p.event === 'live_chats.message_created') && readerOfA.length > 0 && showingLists.length > 0);

        expect(showingA.filter((p) => p.event === 'live_chats.message_created').map((p) => [p.payload.session, p.payload.message?.text])).toEqual([[a, 'Anna again']]);
        expect(showingB.filter((p) => p.type === 'event' && p.payload.session !== undefined && p.event !== 'live_chats.client_wrote')).toEqual([]);
        // The lists hear that they changed and where a client wrote, never the text; a client
        // already waiting is no news to every operator again (that was their first message).
        expect(new Set(showingLists.map((p) => p.event))).toEqual(new Set(['live_chats.lists_changed']));
        // One push tells both that the lists changed and which session a client wrote to.
        expect(showingLists.map((p) => p.payload.session)).toContain(a);
        expect(JSON.stringify(showingLists)).not.toContain('Anna again');
        expect(readerOfA.map((p) => p.event)).toEqual(['live_chats.thread_changed']);
        expect(outsider).toEqual([]);
    });

    it('tells tabs showing the lists of a burst of client messages a few times, not once per message', async () => {
        const writers = Array.from({ length: 8 }, (_, i) => `u-burst-${i}`);
        for (const user of writers) expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `${user}-0`, user, text: 'hello' })).statusCode).toBe(200);
        await ctx.t.host.idle();
        const showingLists = tab('supervisor', lineTopic(ctx.chat.lineId));
        const burst = await Promise.all(writers.flatMap((user) => [1, 2, 3].map((n) => ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `${user}-${n}`, user, text: `again ${n}` }))));
        expect(burst.map((r) => r.statusCode)).toEqual(burst.map(() => 200));
        await ctx.t.host.idle();
        // The latest of each coalescing window arrives, so the burst is always told.
        await eventually(async () => showingLists.some((p) => p.event === 'live_chats.lists_changed' && p.payload.session !== undefined));
        await new Promise((r) => setTimeout(r, 700));
        const changed = showingLists.filter((p) => p.event === 'live_chats.lists_changed');
        expect(changed.length).toBeLessThan(burst.length / 2);
    });
});
