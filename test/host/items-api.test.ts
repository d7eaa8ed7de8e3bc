/**
 * The product package in an in-process host: health, sign-in, the generic item API and
 * its per-group permissions and errors.
 */
import { startTestHost, type TestHost } from '../support/test-host';

describe('item API on the installed Live Chats package', () => {
    let t: TestHost;
    let admin: string;
    let reader: string;

    beforeAll(async () => {
        t = await startTestHost();
        admin = await t.login('admin');
        reader = await t.login('reader');
    });
    afterAll(() => t.close());

    it('lists live-chats as installed in /api/health', async () => {
        const res = await t.request({ method: 'GET', url: '/api/health' });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ status: 'ok', extensions: [{ id: 'live-chats', version: expect.any(String), status: 'installed' }] });
    });

    it('lets the administrator create, read, update, find and delete an article', async () => {
        const created = await t.request({ method: 'POST', url: '/api/apps/live_chats/articles/items', cookie: admin, body: { __name: 'Refund policy', description: 'How refunds work', link: 'https://example.com/refunds' } });
        expect(created.statusCode).toBe(201);
        const id = created.json().__id;
        expect(created.json()).toMatchObject({ __name: 'Refund policy', description: 'How refunds work' });

        const updated = await t.request({ method: 'PATCH', url: `/api/apps/live_chats/articles/items/${id}`, cookie: admin, body: { folder: 'Billing' } });
        expect(updated.json()).toMatchObject({ __name: 'Refund policy', folder: 'Billing' });

        const found = await t.request({ method: 'GET', url: '/api/apps/live_chats/articles/items?q=refunds%20work', cookie: reader });
        expect(found.json().items.map((i: { __id: string }) => i.__id)).toEqual([id]);

        expect((await t.request({ method: 'DELETE', url: `/api/apps/live_chats/articles/items/${id}`, cookie: admin })).statusCode).toBe(204);
        expect((await t.request({ method: 'GET', url: '/api/apps/live_chats/articles/items', cookie: admin })).json().total).toBe(0);
        const deleted = await t.request({ method: 'GET', url: '/api/apps/live_chats/articles/items?deleted=true', cookie: admin });
        expect(deleted.json().items[0]).toMatchObject({ __id: id, __deletedAt: expect.any(String) });
    });

    it('answers 403 to a reader who creates an article, and stores nothing', async () => {
        const res = await t.request({ method: 'POST', url: '/api/apps/live_chats/articles/items', cookie: reader, body: { __name: 'Forged' } });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
        const list = await t.request({ method: 'GET', url: '/api/apps/live_chats/articles/items?q=Forged', cookie: admin });
        expect(list.json().total).toBe(0);
    });

    it('answers 401 to an anonymous call', async () => {
        const res = await t.request({ method: 'POST', url: '/api/apps/live_chats/articles/items', body: { __name: 'Anonymous' } });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    });

    it('answers 400 with per-field problems for bad values', async () => {
        const res = await t.request({ method: 'POST', url: '/api/apps/live_chats/templates/items', cookie: admin, body: { __name: '', short_code: 5, colour: 'red' } });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({
            code: 'VALIDATION_FAILED',
            details: { fields: { __name: 'is required', text: 'is required', short_code: 'expected text', colour: 'unknown field' } },
        });
    });

    it('answers 400 to a body that is not JSON and 404 to unknown apps and items', async () => {
        const bad = await t.request({ method: 'POST', url: '/api/apps/live_chats/articles/items', cookie: admin, body: '{oops', headers: { 'content-type': 'application/json' } });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error.code).toBe('BAD_REQUEST');
        expect((await t.request({ method: 'GET', url: '/api/apps/live_chats/nothing/items', cookie: admin })).statusCode).toBe(404);
        expect((await t.request({ method: 'GET', url: '/api/apps/live_chats/articles/items/nope', cookie: admin })).json().error.code).toBe('NOT_FOUND');
    });

    it('rejects a wrong password with 401 INVALID_CREDENTIALS and sets no cookie', async () => {
        const res = await t.request({ method: 'POST', url: '/api/auth/login', body: { login: 'admin', password: 'wrong' } });
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
        expect(res.cookies).toHaveLength(0);
    });

    it('signs out: the cookie no longer works', async () => {
        const cookie = await t.login('operator1');
        expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(200);
        await t.request({ method: 'POST', url: '/api/auth/logout', cookie });
        expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
    });

    it('publishes an OpenAPI document with the item endpoints', async () => {
        const doc = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
        expect(doc.openapi).toMatch(/^3\./);
        expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/apps/live_chats/articles/items', '/api/apps/live_chats/articles/items/{id}', '/api/auth/login']));
    });
});
