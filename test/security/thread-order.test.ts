/**
 * A thread keeps the order messages were written in even when they share a millisecond
 * (the demo writes a question and its answer at once): every list of messages — the desk's
 * thread, the session method, the Live Chat Messages widget and the employee's internal
 * thread — sorts and pages by the thread's sequence, not by time and a random id. Messages
 * stored before threads were numbered are numbered on first read, in time order, before
 * every newer message.
 */
import { startTestHost, type TestHost } from '../support/test-host';
import { startFakeMessenger, type FakeMessenger } from '../live-chats/support/fake-messenger';
import { apiFor, rows, TOKEN, type Api } from '../live-chats/support/live-chat';

describe('thread order', () => {
    let t: TestHost;
    let messenger: FakeMessenger;
    let api: Api;
    let channel: string;
    let lineId: string;
    let n = 0;
    const texts = (list: { text: string }[]) => list.map((m) => m.text);
    /** The texts of `list` that are among `said`, in the order listed (automatic replies left out). */
    const among = (said: string[], list: { text: string }[]) => texts(list).filter((text) => said.includes(text));

    beforeAll(async () => {
        messenger = await startFakeMessenger();
        t = await startTestHost({ demoSetupEnv: { DEMO_MESSENGER_URL: messenger.url, DEMO_MESSENGER_TOKEN: TOKEN } });
        api = await apiFor(t);
        channel = (await rows(t, api.admin, 'channels')).find((c) => (c.kind as { code: string }).code === 'other')!.__id as string;
        lineId = (await rows(t, api.admin, 'lines'))[0].__id as string;
        await api.setStatus('admin', 'online');
    });
    afterAll(async () => {
        jest.restoreAllMocks();
        await t.close();
        await messenger.close();
    });

    /** Runs `work` with the clock stopped, so everything it stores shares one millisecond. */
    async function inOneMillisecond(work: () => Promise<void>): Promise<void> {
        const now = Date.now();
        const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
        try {
            await work();
        } finally {
            clock.mockRestore();
        }
    }

    it('lists a conversation written in one millisecond in the order it was written, everywhere', async () => {
        const said = Array.from({ length: 8 }, (_, i) => `${i % 2 ? 'answer' : 'question'} ${i}`);
        let sessionId = '';
        await inOneMillisecond(async () => {
            expect((await api.clientWrites(channel, { id: `o-${++n}`, user: 'same-ms', text: said[0] })).statusCode).toBe(200);
            await t.host.idle();
            sessionId = (await rows(t, api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-same-ms')!.__id as string;
            for (let i = 1; i < said.length; i++) {
                const res = i % 2
                    ? await api.call('admin', 'reply', { sessionId, text: said[i] })
                    : await api.clientWrites(channel, { id: `o-${++n}`, user: 'same-ms', text: said[i] });
                expect(res.statusCode).toBeLessThan(300);
            }
        });
        await t.host.idle();
        expect(among(said, (await api.get('admin', 'session', { sessionId })).json().messages)).toEqual(said);
        expect(among(said, (await api.get('admin', 'thread', { sessionId, size: '200' })).json().messages)).toEqual(said);

        // Paging by the thread's sequence: three at a time, each message once, in order.
        const pages: string[] = [];
        let page = (await api.get('admin', 'thread', { sessionId, size: '3' })).json();
        pages.unshift(...texts(page.messages));
        while (page.hasMore) {
            page = (await api.get('admin', 'thread', { sessionId, size: '3', beforeSeq: String(page.messages[0].seq) })).json();
            pages.unshift(...texts(page.messages));
        }
        expect(pages.filter((p) => said.includes(p))).toEqual(said);
    });

    it('keeps the widget\'s thread of the demo contact in the order it was written', async () => {
        const contact = (await rows(t, api.admin, 'contacts')).find((c) => c.__name === 'Alice Example')!.__id as string;
        const context = { show_history: 'by_account', account_field: 'account', bound_field: null, item_field: null, page_size: 3, item_app: 'live_chats.contacts', item_id: contact };
        const rpc = async (method: string, request: object) => {
            const res = await t.request({ method: 'POST', url: `/api/widgets/live-chats/live-chat-messages/rpc/${method}`, cookie: api.cookies.reader, body: { context: { ...context, request } } });
            expect(res.statusCode).toBe(200);
            return res.json().context.answer.thread as { sessions: { id: string }[]; messages: { text: string; seq: number }[]; hasEarlier: boolean };
        };
        let thread = await rpc('load', {});
        const seen = texts(thread.messages);
        while (thread.hasEarlier) {
            thread = await rpc('loadEarlier', { session: thread.sessions.at(-1)!.id, cursor: { beforeSeq: thread.messages[0].seq } });
            seen.unshift(...texts(thread.messages));
        }
        // The demo wrote the earlier conversation within a millisecond or so.
        expect(seen).toEqual([
            'Hi! Where is my order #1001? It was due yesterday.',
            'Hello Alice, it left the warehouse this morning and arrives tomorrow.',
            'Great, thank you!',
            'Hello again: the parcel arrived, but the mug inside is broken <sad>.',
        ]);
    });

    it('keeps an employee\'s internal thread in the order it was written', async () => {
        const said = ['one', 'two', 'three', 'four', 'five', 'six'];
        await inOneMillisecond(async () => {
            for (const text of said) expect((await api.call('employee', 'internal_write', { lineId, text })).statusCode).toBe(201);
        });
        expect(among(said, (await api.get('employee', 'internal_thread', { lineId })).json().messages)).toEqual(said);
    });

    it('numbers messages stored before threads were numbered in time order, before newer ones', async () => {
        const said = ['old 1', 'old 2', 'old 3'];
        for (const text of said) {
            expect((await api.clientWrites(channel, { id: `o-${++n}`, user: 'legacy', text })).statusCode).toBe(200);
            await new Promise((r) => setTimeout(r, 3));
        }
        await t.host.idle();
        const sessionId = (await rows(t, api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-legacy')!.__id as string;
        // As an upgrade finds them: no thread, no place in it.
        const { table } = t.host.items.app('live_chats.messages');
        for (const m of (await rows(t, api.admin, 'messages')).filter((row) => (row.session as string) === sessionId)) {
            await t.host.store.update(table, m.__id as string, { thread: null, seq: null });
        }
        expect((await api.clientWrites(channel, { id: `o-${++n}`, user: 'legacy', text: 'new 4' })).statusCode).toBe(200);
        await t.host.idle();
        const thread = (await api.get('admin', 'thread', { sessionId, size: '200' })).json().messages as { text: string; seq: number }[];
        expect(among([...said, 'new 4'], thread)).toEqual([...said, 'new 4']);
        expect(thread.every((m) => Number.isInteger(m.seq))).toBe(true);
        expect(new Set(thread.map((m) => m.seq)).size).toBe(thread.length);
    });
});
