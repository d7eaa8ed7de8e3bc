/**
 * An app's `beforeWrite` script: asked inside the write's transaction on create, update,
 * status change and delete, through the item API and scripts alike. A refusal answers with
 * the script's error and leaves nothing behind, including what the script itself wrote;
 * an accepted write commits together with what the script wrote.
 */
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startTestHost, type TestHost } from '../support/test-host';

const manifest = fixtureManifest({
    apps: [{
        code: 'notes', name: 'Notes', beforeWrite: 'vetNote',
        fields: [{ code: 'body', name: 'Body', type: 'TEXT' }],
        statuses: [{ code: 'draft', name: 'Draft' }, { code: 'done', name: 'Done', final: true }],
        permissions: { read: ['staff'], create: ['staff'], update: ['staff'], delete: ['staff'] },
        showDeleted: true,
    }],
    api: [
        { code: 'create_note', script: 'createNote' },
        { code: 'writes', method: 'GET', script: 'writes' },
    ],
});

const server = `
const json = (body, status = 200) => new HttpResponse().status(status).json(body);
const scripts = {
    async vetNote() {
        const item = Context.data.__item;
        const log = (await Namespace.storage.getItem('writes')) ?? [];
        await Namespace.storage.setItem('writes', [...log, [Context.data.action, item.data.__name, Context.data.previous ? Context.data.previous.data.__name : null, item.data.__status ? item.data.__status.code : null]]);
        if (String(item.data.body ?? '').includes('forbidden')) {
            throw new ApiError('VALIDATION_FAILED', 'The body may not say forbidden', 400, { body: 'says forbidden' });
        }
        if (Context.data.action === 'delete' && item.data.__name === 'keep') throw new ApiError('KEEP_IT', 'This note stays', 409);
    },
    async createNote(req) {
        const note = Namespace.app.notes.create();
        note.data.__name = req.body.name;
        note.data.body = req.body.body ?? null;
        await note.save();
        return json({ id: note.id }, 201);
    },
    async writes() {
        return json({ writes: (await Namespace.storage.getItem('writes')) ?? [] });
    },
};
module.exports = { scripts, widgets: {} };
`;

describe('an app\'s beforeWrite script', () => {
    let t: TestHost;
    let cookie: string;
    const items = (path = '', method = 'GET', body?: unknown) => t.request({ method, url: `/api/apps/fixture/notes/items${path}`, cookie, body });
    const writes = async () => (await t.request({ method: 'GET', url: '/api/extensions/fixture/writes', cookie })).json().writes as unknown[][];

    beforeAll(async () => {
        t = await startTestHost({ packageFile: null });
        await t.host.extensions.install(fixturePackage(manifest, server));
        cookie = await t.login('admin');
    });
    afterAll(() => t.close());

    it('sees creates, updates, status changes and deletes with the item before and after', async () => {
        const created = await items('', 'POST', { __name: 'first', body: 'fine' });
        expect(created.statusCode).toBe(201);
        const id = created.json().__id;
        expect((await items(`/${id}`, 'PATCH', { __name: 'renamed' })).statusCode).toBe(200);
        expect((await items(`/${id}/status`, 'POST', { status: 'done' })).statusCode).toBe(200);
        expect((await items(`/${id}`, 'DELETE')).statusCode).toBe(204);
        expect(await writes()).toEqual([
            ['create', 'first', null, 'draft'],
            ['update', 'renamed', 'first', 'draft'],
            ['update', 'renamed', 'renamed', 'done'],
            ['delete', 'renamed', 'renamed', 'done'],
        ]);
    });

    it('refuses a write with the script\'s error and rolls back the item and the script\'s own writes', async () => {
        const before = await writes();
        const refused = await items('', 'POST', { __name: 'bad', body: 'a forbidden word' });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().error).toEqual({ code: 'VALIDATION_FAILED', message: 'The body may not say forbidden', details: { body: 'says forbidden' } });
        expect((await items('?q=bad')).json().total).toBe(0);
        expect(await writes()).toEqual(before);

        const kept = (await items('', 'POST', { __name: 'keep' })).json().__id;
        expect((await items(`/${kept}`, 'PATCH', { body: 'now forbidden' })).statusCode).toBe(400);
        expect((await items(`/${kept}`, 'DELETE')).json().error.code).toBe('KEEP_IT');
        expect((await items(`/${kept}`)).json()).toMatchObject({ body: null, __deletedAt: null });
    });

    it('vets the writes of scripts too', async () => {
        const res = await t.request({ method: 'POST', url: '/api/extensions/fixture/create_note', cookie, body: { name: 'scripted', body: 'forbidden' } });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
        expect((await items('?q=scripted')).json().total).toBe(0);
    });
});
