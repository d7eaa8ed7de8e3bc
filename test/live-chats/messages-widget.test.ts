/**
 * The Live Chat Messages widget's server methods (SPEC §10), called as the browser calls
 * them, on the demo contact Alice: who sees what, who may reply or start a session, paging,
 * and both ways of finding an item's conversations. Rights are the server's, not the UI's.
 */
import { startTestHost, type TestHost } from '../support/test-host';
import { startFakeMessenger, type FakeMessenger } from './support/fake-messenger';
import { apiFor, rows, TOKEN, type Api } from './support/live-chat';

interface Answer {
    access: string;
    sessions?: { id: string; name: string; closed: boolean }[];
    selected?: string;
    role?: string;
    thread?: { sessions: { id: string }[]; messages: { id: string; text: string; authorKind: string; authorName: string | null; createdAt: string; seq: number }[]; hasEarlier: boolean };
    replyRefusal?: string | null;
    newSession?: { client: string; refusal: string | null }[];
}

describe('Live Chat Messages widget: server methods', () => {
    let t: TestHost;
    let messenger: FakeMessenger;
    let api: Api;
    let contact: string;
    let channel: string;
    const settings = () => ({ show_history: 'by_account', account_field: 'account', bound_field: null, item_field: null, page_size: 30, item_app: 'live_chats.contacts', item_id: contact });

    async function rpc(who: string, method: string, request: object = {}, context: object = settings()) {
        const res = await t.request({ method: 'POST', url: `/api/widgets/live-chats/live-chat-messages/rpc/${method}`, cookie: api.cookies[who], body: { context: { ...context, request } } });
        return { status: res.statusCode, answer: res.json().context?.answer as Answer, error: res.json().error as { code: string } | undefined };
    }

    beforeAll(async () => {
        messenger = await startFakeMessenger();
        t = await startTestHost({ demoSetupEnv: { DEMO_MESSENGER_URL: messenger.url, DEMO_MESSENGER_TOKEN: TOKEN } });
        api = await apiFor(t);
        contact = (await rows(t, api.admin, 'contacts')).find((c) => c.__name === 'Alice Example')!.__id as string;
        channel = (await rows(t, api.admin, 'channels')).find((c) => (c.kind as { code: string }).code === 'other')!.__id as string;
    });
    afterAll(async () => {
        await t.close();
        await messenger.close();
    });

    it('shows a reader the contact\'s active session with the earlier one above it, without system notes, and no way to write', async () => {
        const { status, answer } = await rpc('reader', 'load');
        expect(status).toBe(200);
        expect(answer.access).toBe('granted');
        expect(answer.sessions!.map((s) => [s.name, s.closed])).toEqual([['Alice Example · broken mug', false], ['Alice Example · order #1001', true]]);
        expect(answer.selected).toBe(answer.sessions![0].id);
        expect(answer.thread!.sessions.map((s) => s.id)).toEqual([answer.sessions![1].id, answer.sessions![0].id]);
        expect(answer.thread!.messages.map((m) => m.authorKind)).toEqual(['client', 'operator', 'client', 'client']);
        expect(answer.thread!.messages[1].authorName).toBe('Olga Operator');
        expect(answer.role).toBe('reader');
        expect(answer.replyRefusal).toBe('FORBIDDEN_ROLE');
        expect(answer.newSession).toEqual([]);
    });

    it('gives a reader the system notes only when asked', async () => {
        const { answer } = await rpc('reader', 'load', { showSystem: true });
        expect(answer.thread!.messages.map((m) => m.text)).toContain('Closed by Olga Operator');
    });

    it('refuses a reader\'s reply and +New session on the server, storing nothing', async () => {
        const { answer } = await rpc('reader', 'load');
        const before = (await rows(t, api.admin, 'messages')).length;
        expect((await rpc('reader', 'reply', { session: answer.selected, text: 'sneaky' })).error?.code).toBe('FORBIDDEN_ROLE');
        const client = (await rows(t, api.admin, 'clients')).find((c) => c.external_user_id === 'alice-demo')!.__id;
        expect((await rpc('reader', 'startSession', { client, text: 'sneaky' })).error?.code).toBe('FORBIDDEN_ROLE');
        expect((await rows(t, api.admin, 'messages')).length).toBe(before);
    });

    it('answers "no access" to someone with no role in any live chat, with no data', async () => {
        const { answer } = await rpc('employee', 'load');
        expect(answer).toEqual({ access: 'none' });
        expect((await rpc('employee', 'loadEarlier', { session: 'x', cursor: { beforeSeq: 1 } })).status).toBe(404);
    });

    it('finds the same conversations by app item: clients bound to the contact', async () => {
        const { answer } = await rpc('reader', 'load', {}, { ...settings(), show_history: 'by_item', account_field: null });
        expect(answer.sessions!.map((s) => s.name)).toEqual(['Alice Example · broken mug', 'Alice Example · order #1001']);
        const none = await rpc('reader', 'load', {}, { ...settings(), item_id: 'no-such-contact' });
        expect(none.answer.sessions).toEqual([]);
    });

    it('lets operators reply only Online and only in their own session; the reply reaches the messenger', async () => {
        let { answer } = await rpc('operator1', 'load');
        expect(answer.replyRefusal).toBe('OPERATOR_OFFLINE');
        expect(answer.newSession).toEqual([expect.objectContaining({ refusal: 'OPERATOR_OFFLINE' })]);
        await api.setStatus('operator1', 'online');
        ({ answer } = await rpc('operator1', 'load'));
        expect(answer.replyRefusal).toBe('NOT_YOUR_SESSION');
        expect((await rpc('operator1', 'reply', { session: answer.selected, text: 'not yet mine' })).error?.code).toBe('NOT_YOUR_SESSION');
        expect((await api.call('operator1', 'take', { sessionId: answer.selected })).statusCode).toBe(200);
        ({ answer } = await rpc('operator1', 'load'));
        expect(answer.replyRefusal).toBeNull();
        const sent = await rpc('operator1', 'reply', { session: answer.selected, text: 'We will send a new mug <today>' });
        expect(sent.status).toBe(200);
        // The demo live chat shows operators' names to clients.
        await messenger.waitFor((r) => r.type === 'message' && r.data?.text === 'Olga Operator: We will send a new mug <today>' && r.data?.targetChatId === 'chat-alice-demo');
        await api.setStatus('operator2', 'online');
        expect((await rpc('operator2', 'reply', { session: answer.selected, text: 'me too' })).error?.code).toBe('NOT_YOUR_SESSION');
    });

    it('sends files uploaded beforehand with a reply, with or without text, and refuses malformed ones', async () => {
        const { answer } = await rpc('operator1', 'load');
        const upload = await t.request({ method: 'POST', url: '/api/files?name=label.pdf&type=application%2Fpdf', cookie: api.cookies.operator1, body: Buffer.from('%PDF-1.4'), headers: { 'content-type': 'application/octet-stream' } });
        expect(upload.statusCode).toBe(201);
        const file = { name: 'label.pdf', url: `/api/files/${upload.json().id}`, size: 8 };
        expect((await rpc('operator1', 'reply', { session: answer.selected, text: '', files: [file] })).status).toBe(200);
        const sent = await messenger.waitFor((r) => r.type === 'message' && Array.isArray(r.data?.files) && (r.data.files as { name: string }[])[0]?.name === 'label.pdf');
        expect(sent.data?.targetChatId).toBe('chat-alice-demo');
        const bad = await rpc('operator1', 'reply', { session: answer.selected, text: 'x', files: [{ name: '', url: file.url }] });
        expect(bad.error?.code).toBe('VALIDATION_FAILED');
        const { answer: after } = await rpc('operator1', 'load');
        expect(after.thread!.messages.filter((m) => m.text === 'x')).toEqual([]);
    });

    it('pages a long history newest first, each message once', async () => {
        for (let i = 1; i <= 12; i++) expect((await api.clientWrites(channel, { id: `page-${i}`, user: 'alice-demo', text: `line ${i}`, chat: 'chat-alice-demo' })).statusCode).toBe(200);
        const context = { ...settings(), page_size: 5 };
        const first = (await rpc('reader', 'load', {}, context)).answer.thread!;
        expect(first.messages.map((m) => m.text)).toEqual(['line 8', 'line 9', 'line 10', 'line 11', 'line 12']);
        expect(first.hasEarlier).toBe(true);
        const seen = [...first.messages];
        let page = first;
        while (page.hasEarlier) {
            const oldest = seen[0];
            const cursor = { beforeSeq: oldest.seq };
            const res = await rpc('reader', 'loadEarlier', { session: first.sessions.at(-1)!.id, cursor }, context);
            expect(res.error).toBeUndefined();
            page = res.answer as unknown as typeof first;
            seen.unshift(...page.messages);
        }
        expect(new Set(seen.map((m) => m.id)).size).toBe(seen.length);
        expect(seen.map((m) => m.text).slice(0, 3)).toEqual(['Hi! Where is my order #1001? It was due yesterday.', expect.any(String), 'Great, thank you!']);
        // The demo's four, the two replies of the tests above (one with a file only), the twelve lines.
        expect(seen).toHaveLength(4 + 2 + 12);
    });

    it('lets an Online supervisor start +New session with the client when no one else holds it', async () => {
        const { answer } = await rpc('supervisor', 'load');
        expect(answer.newSession).toEqual([expect.objectContaining({ refusal: 'OPERATOR_OFFLINE' })]);
        await api.setStatus('supervisor', 'online');
        const client = (await rpc('supervisor', 'load')).answer.newSession![0].client;
        expect((await rpc('supervisor', 'startSession', { client, text: 'Hello from the supervisor' })).error?.code).toBe('CLIENT_HAS_OPEN_SESSION');
        const current = (await rpc('operator1', 'load')).answer.selected!;
        expect((await api.call('operator1', 'close', { sessionId: current })).statusCode).toBe(200);
        const started = await rpc('supervisor', 'startSession', { client, text: 'Hello from the supervisor' });
        expect(started.status).toBe(200);
        await messenger.waitFor((r) => r.type === 'message' && r.data?.text === 'Sam Supervisor: Hello from the supervisor');
    });
});
