/**
 * API methods that answer with a body produced piece by piece (`HttpResponse.stream`) and
 * as a file to save (`download`): the pieces run with the call's globals after the handler
 * returned, and a failure half-way ends the answer without taking the host down.
 */
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startTestHost, type TestHost } from '../support/test-host';

const manifest = fixtureManifest({
    api: [
        { code: 'lines', method: 'GET', script: 'lines' },
        { code: 'broken', method: 'GET', script: 'broken' },
        { code: 'named', method: 'GET', script: 'named' },
    ],
});

const server = `
const scripts = {
    async lines() {
        for (let i = 0; i < 3; i++) {
            const note = Namespace.app.notes.create();
            note.data.__name = 'note ' + i;
            await note.save();
        }
        async function* body() {
            const me = await System.users.getCurrentUser();
            yield 'user ' + me.data.fullname + '\\n';
            const notes = await Namespace.app.notes.search().sort('__name', true).size(10).all();
            for (const n of notes) {
                await new Promise((r) => setTimeout(r, 5));
                yield JSON.stringify({ name: n.data.__name }) + '\\n';
            }
        }
        return new HttpResponse().stream(body(), 'application/x-ndjson').download('notes "all"/2026.jsonl');
    },
    async broken() {
        async function* body() {
            yield 'first\\n';
            throw new Error('disk on fire');
        }
        return new HttpResponse().stream(body(), 'text/plain');
    },
    async named() {
        return new HttpResponse().content('<p>x</p>', 'text/html; charset=utf-8').download('Überblick.html');
    },
};
module.exports = { scripts, widgets: {} };
`;

describe('streamed and downloaded answers of API methods', () => {
    let t: TestHost;
    let cookie: string;

    beforeAll(async () => {
        t = await startTestHost({ packageFile: null });
        await t.host.extensions.install(fixturePackage(manifest, server));
        cookie = await t.login('admin');
    });
    afterAll(() => t.close());

    it('streams pieces that use the call\'s globals after the handler returned, as a file to save', async () => {
        const res = await t.request({ method: 'GET', url: '/api/extensions/fixture/lines', cookie });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/x-ndjson');
        expect(res.headers['content-disposition']).toBe('attachment; filename="notes _all__2026.jsonl"; filename*=UTF-8\'\'notes%20_all__2026.jsonl');
        expect(res.body.split('\n')).toEqual(['user Ada Admin', '{"name":"note 0"}', '{"name":"note 1"}', '{"name":"note 2"}', '']);
    });

    it('ends the answer early when a piece fails, and keeps serving', async () => {
        const res = await t.request({ method: 'GET', url: '/api/extensions/fixture/broken', cookie }).catch((e: Error) => e);
        const body = res instanceof Error ? '' : res.body;
        expect(body).not.toContain('disk on fire');
        expect((await t.request({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    });

    it('names a download with characters beyond ASCII', async () => {
        const res = await t.request({ method: 'GET', url: '/api/extensions/fixture/named', cookie });
        expect(res.headers['content-disposition']).toBe('attachment; filename="_berblick.html"; filename*=UTF-8\'\'%C3%9Cberblick.html');
        expect(res.body).toBe('<p>x</p>');
    });
});
