/**
 * Response templates through the API (SPEC §7): supervisors manage templates and articles,
 * a template's text and short code are checked when saved, `templates_search` finds by
 * keyword and by the start of a short code, `template_render` fills the session's values and
 * answers, and both take exactly the rights of replying.
 */
import { useLiveChat } from './support/live-chat';

describe('response templates', () => {
    const c = useLiveChat();
    let sessionId: string;
    const ids: Record<string, string> = {};

    const create = (who: string, app: 'templates' | 'articles', body: object) =>
        c.t.request({ method: 'POST', url: `/api/apps/live_chats/${app}/items`, cookie: c.api.cookies[who], body });

    it('lets supervisors write templates and articles, checks text and short code, and lets operators only read', async () => {
        const greet = await create('supervisor', 'templates', {
            __name: 'Greeting', short_code: 'greet', folder: 'General', description: 'First answer',
            text: 'Hello {{client_name}}, this is {{operator_name}} of {{live_chat_name}} about "{{session_name}}" ({{client_email}}).',
        });
        expect(greet.statusCode).toBe(201);
        ids.greet = greet.json().__id;
        ids.order = (await create('supervisor', 'templates', { __name: 'Order status', short_code: 'order', text: 'Order {{ask "Order number"}} for {{client_name}}' })).json().__id;
        ids.article = (await create('supervisor', 'articles', { __name: 'Returns policy', description: 'Return within 30 days.', link: 'https://help.example.com/returns', folder: 'Policies' })).json().__id;

        const duplicate = await create('supervisor', 'templates', { __name: 'Other', short_code: 'greet', text: 'x' });
        expect(duplicate.statusCode).toBe(400);
        expect(duplicate.json().error.details.fields.short_code).toMatch(/already the short code of "Greeting"/);
        const slash = await create('supervisor', 'templates', { __name: 'Slash', short_code: '/Hi', text: 'x' });
        expect(slash.json().error.details.fields.short_code).toMatch(/lower-case/);
        const broken = await create('admin', 'templates', { __name: 'Broken', text: '{{lookup this "constructor"}}' });
        expect(broken.json().error.details.fields.text).toMatch(/unknown helper lookup/);
        expect((await create('operator1', 'templates', { __name: 'Mine', text: 'x' })).statusCode).toBe(403);
        const edited = await c.t.request({ method: 'PATCH', url: `/api/apps/live_chats/templates/items/${ids.greet}`, cookie: c.api.cookies.supervisor, body: { description: 'First answer of a session' } });
        expect(edited.statusCode).toBe(200);
        const listed = await c.t.request({ method: 'GET', url: '/api/apps/live_chats/templates/items', cookie: c.api.cookies.operator1 });
        expect(listed.json().total).toBe(2);
    });

    it('searches and renders only for whoever may reply to the session', async () => {
        await c.api.clientWrites(c.chat.otherChannelId, { id: 't-1', user: 'tina', text: 'Where is my order?', chatName: 'Tina <b>T</b>' });
        sessionId = (await c.api.get('operator1', 'sessions', { lineId: c.chat.lineId, view: 'queue' })).json().sessions[0].id;
        const offline = await c.api.get('operator1', 'templates_search', { sessionId, q: 'greet' });
        expect(offline.json().error.code).toBe('OPERATOR_OFFLINE');
        await c.api.setStatus('operator1', 'online');
        expect((await c.api.get('operator1', 'templates_search', { sessionId, q: 'greet' })).json().error.code).toBe('NOT_YOUR_SESSION');
        await c.api.call('operator1', 'take', { sessionId });
        expect((await c.api.get('reader', 'templates_search', { sessionId })).json().error.code).toBe('FORBIDDEN_ROLE');
        await c.api.setStatus('operator2', 'online');
        expect((await c.api.call('operator2', 'template_render', { sessionId, templateId: ids.greet })).json().error.code).toBe('NOT_YOUR_SESSION');
        expect((await c.api.get('employee', 'templates_search', { lineId: c.chat.lineId })).json().error.code).toBe('FORBIDDEN_ROLE');
    });

    it('finds templates and articles by keyword, and templates by the start of a short code', async () => {
        const search = async (q: string) => ((await c.api.get('operator1', 'templates_search', { sessionId, q })).json().items as { kind: string; name: string }[])
            .map((i) => `${i.kind}:${i.name}`);
        expect(await search('')).toEqual(['template:Greeting', 'template:Order status', 'article:Returns policy']);
        expect(await search('return')).toEqual(['article:Returns policy']);
        expect(await search('hello')).toEqual(['template:Greeting']);
        expect(await search('/gr')).toEqual(['template:Greeting']);
        expect(await search('/GREET')).toEqual(['template:Greeting']);
        expect(await search('/o')).toEqual(['template:Order status']);
        expect(await search('/x')).toEqual([]);
        const [article] = (await c.api.get('operator1', 'templates_search', { sessionId, q: 'return' })).json().items;
        expect(article).toMatchObject({ description: 'Return within 30 days.', link: 'https://help.example.com/returns', folder: 'Policies' });
    });

    it("renders with the session's client, the operator and the live chat, warning of what is empty", async () => {
        const res = await c.api.call('operator1', 'template_render', { sessionId, templateId: ids.greet });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.text).toMatch(/^Hello Tina <b>T<\/b>, this is Olga Operator of Support about ".+" \(\)\.$/);
        expect(body.warnings).toEqual(["{{client_email}} is empty: the client's e-mail is not known"]);
        expect(body.prompts).toEqual([]);
    });

    it('asks for placeholders and fills them from the answers', async () => {
        const first = (await c.api.call('operator1', 'template_render', { sessionId, templateId: ids.order })).json();
        expect(first).toMatchObject({ prompts: ['Order number'], text: 'Order [Order number] for Tina <b>T</b>', warnings: ['"Order number" is not answered yet'] });
        const filled = (await c.api.call('operator1', 'template_render', { sessionId, templateId: ids.order, answers: { 'Order number': 'A-17' } })).json();
        expect(filled).toMatchObject({ text: 'Order A-17 for Tina <b>T</b>', warnings: [] });
        const bad = await c.api.call('operator1', 'template_render', { sessionId, templateId: ids.order, answers: ['A-17'] });
        expect(bad.json().error.code).toBe('VALIDATION_FAILED');
        expect((await c.api.call('operator1', 'template_render', { sessionId, templateId: 'nope' })).json().error.code).toBe('NOT_FOUND');
    });

    it('serves staff who write from the Messages workspace, the writer being the client', async () => {
        const patched = await c.t.request({
            method: 'PATCH', url: `/api/apps/live_chats/lines/items/${c.chat.lineId}`, cookie: c.api.admin,
            body: { internal_customer_groups: ['employees', 'supervisors'] },
        });
        expect(patched.statusCode).toBe(200);
        const lineId = c.chat.lineId;
        expect((await c.api.get('supervisor', 'templates_search', { lineId, q: '/gr' })).json().items.map((i: { name: string }) => i.name)).toEqual(['Greeting']);
        const body = (await c.api.call('supervisor', 'template_render', { lineId, templateId: ids.greet })).json();
        expect(body.text).toBe('Hello Sam Supervisor, this is Sam Supervisor of Support about "" (supervisor@example.com).');
        expect(body.warnings).toEqual(["{{session_name}} is empty: the session's name is not known"]);
        expect((await c.api.get('employee', 'templates_search', { lineId })).json().error.code).toBe('FORBIDDEN_ROLE');
        expect((await c.api.get('operator1', 'templates_search', { lineId })).json().error.code).toBe('FORBIDDEN_ROLE');
        expect((await c.api.get('operator1', 'templates_search', {})).json().error.code).toBe('VALIDATION_FAILED');
    });
});
