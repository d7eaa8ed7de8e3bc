/**
 * Extension scripts in the host: API methods and public routes, errors that never take the
 * host down, per-call Context, item and custom events after commit, durable timers and
 * schedules that survive a restart.
 */
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startTestHost, type TestHost } from '../support/test-host';

const manifest = fixtureManifest({
    events: [
        { on: 'item_create', app: 'notes', script: 'onNoteCreated' },
        { on: 'custom', event: 'note_echoed', script: 'onEcho' },
    ],
    api: [
        { code: 'create_note', script: 'createNote' },
        { code: 'boom', script: 'boom' },
        { code: 'refuse', script: 'refuse' },
        { code: 'whoami', method: 'GET', script: 'whoami' },
        { code: 'later', script: 'later' },
        { code: 'count_notes', method: 'GET', script: 'countNotes' },
        { code: 'count_since', method: 'GET', script: 'countSince' },
    ],
    routes: [{ method: 'POST', path: '/api/fixture/hooks/:token', script: 'hook', bodyLimit: 100 }],
    schedules: [{ code: 'tick', script: 'tick', everySeconds: 1 }],
});

// The bundle as webpack would emit it: plain CommonJS over the SDK globals.
const server = `
const json = (body, status = 200) => new HttpResponse().status(status).json(body);
const scripts = {
    async createNote(req) {
        const note = Namespace.app.notes.create();
        note.data.__name = req.body.name;
        note.data.body = req.body.body ?? null;
        await note.save();
        return json({ id: note.id }, 201);
    },
    async boom() { throw new TypeError('kaboom'); },
    async refuse() { throw new ApiError('NOT_ALLOWED_HERE', 'Refused on purpose', 409, { why: 'test' }); },
    async whoami(req) {
        await new Promise((r) => setTimeout(r, Number(req.query.wait ?? 0)));
        const user = await System.users.getCurrentUser();
        return json({ login: user.data.login });
    },
    async later(req) {
        await System.timers.set('reminder', new TDatetime().add(new Duration(Number(req.body.ms), 'milliseconds')), 'remind', { text: req.body.text });
        return json({ ok: true });
    },
    async remind() {
        const note = Namespace.app.notes.create();
        note.data.__name = 'timer: ' + Context.data.payload.text;
        await note.save();
    },
    async onNoteCreated() {
        const item = Context.data.__item;
        if (item.data.__name.startsWith('echo')) return;
        await System.events.emit('note_echoed', { id: item.id, name: item.data.__name });
    },
    async onEcho() {
        const note = Namespace.app.notes.create();
        note.data.__name = 'echo of ' + Context.data.payload.name;
        await note.save();
    },
    async countSince(req) {
        const n = await Namespace.app.notes.search().where((f) => f.__createdAt.gte(new Date(Number(req.query.since)))).count();
        return json({ n });
    },
    async countNotes(req) {
        const n = await Namespace.app.notes.search().where((f, g) => g.and(f.__name.like(req.query.like), g.not(f.__name.like('echo')))).count();
        return json({ n });
    },
    async hook(req) {
        if (req.params.token !== 'secret') return json({ error: { code: 'BAD_TOKEN', message: 'no' } }, 401);
        return json({ got: req.body });
    },
    async tick() {
        const runs = (await Namespace.storage.getItem('ticks')) ?? 0;
        await Namespace.storage.setItem('ticks', runs + 1);
    },
};
module.exports = { scripts, widgets: {} };
`;

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
        if (Date.now() > end) throw new Error('condition not met in time');
        await new Promise((r) => setTimeout(r, 25));
    }
}

describe('scripts in the host', () => {
    let t: TestHost;
    let cookie: string;
    const call = (code: string, body?: unknown, method = 'POST', query = '') =>
        t.request({ method, url: `/api/extensions/fixture/${code}${query}`, cookie, body });

    beforeEach(async () => {
        t = await startTestHost({ packageFile: null });
        await t.host.extensions.install(fixturePackage(manifest, server));
        cookie = await t.login('admin');
    });
    afterEach(() => t.close());

    it('answers a script exception as SCRIPT_FAILED and keeps serving', async () => {
        const res = await call('boom');
        expect(res.statusCode).toBe(500);
        expect(res.json().error).toMatchObject({ code: 'SCRIPT_FAILED', message: expect.stringContaining('kaboom'), details: { extension: 'fixture', script: 'boom' } });
        expect((await call('create_note', { name: 'after the crash' })).statusCode).toBe(201);
    });

    it('answers an ApiError with its own code, status and details', async () => {
        const res = await call('refuse');
        expect(res.statusCode).toBe(409);
        expect(res.json()).toEqual({ error: { code: 'NOT_ALLOWED_HERE', message: 'Refused on purpose', details: { why: 'test' } } });
    });

    it('gives each concurrent call its own Context and current user', async () => {
        const operator = await t.login('operator1');
        const [slow, fast] = await Promise.all([
            t.request({ method: 'GET', url: '/api/extensions/fixture/whoami?wait=60', cookie }),
            t.request({ method: 'GET', url: '/api/extensions/fixture/whoami?wait=0', cookie: operator }),
        ]);
        expect(slow.json()).toEqual({ login: 'admin' });
        expect(fast.json()).toEqual({ login: 'operator1' });
    });

    it('requires a signed-in user for API methods but not for public routes, with their body limit', async () => {
        expect((await t.request({ method: 'GET', url: '/api/extensions/fixture/whoami' })).statusCode).toBe(401);
        const ok = await t.request({ method: 'POST', url: '/api/fixture/hooks/secret', body: { a: 1 } });
        expect(ok.json()).toEqual({ got: { a: 1 } });
        expect((await t.request({ method: 'POST', url: '/api/fixture/hooks/wrong', body: {} })).statusCode).toBe(401);
        const big = await t.request({ method: 'POST', url: '/api/fixture/hooks/secret', body: { text: 'x'.repeat(200) } });
        expect(big.statusCode).toBe(413);
        expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('runs item handlers after the write commits, and custom-event handlers after them', async () => {
        await call('create_note', { name: 'first' });
        await t.host.idle();
        const names = (await t.host.items.find('fixture.notes', { size: 10 })).map((r) => r.__name).sort();
        expect(names).toEqual(['echo of first', 'first']);
    });

    it('fires a durable timer after a restart', async () => {
        await call('later', { ms: 700, text: 'wake up' });
        t = await t.restart();
        await until(async () => (await t.host.items.count('fixture.notes', { where: { kind: 'cmp', field: '__name', op: 'eq', value: 'timer: wake up' } })) === 1);
        // Its row goes once the run is over, a moment after the script's own writes commit.
        await until(async () => (await t.host.store.system.timers.get('fixture:reminder')) === undefined);
        expect(await t.host.items.count('fixture.notes', { where: { kind: 'cmp', field: '__name', op: 'eq', value: 'timer: wake up' } })).toBe(1);
    });

    it('runs manifest schedules repeatedly', async () => {
        await until(async () => Number(await t.host.store.system.storage.get('fixture', 'ticks')) >= 2, 4000);
    });

    it('searches from scripts with the chained API', async () => {
        await call('create_note', { name: 'alpha one' });
        await call('create_note', { name: 'beta two' });
        expect((await call('count_notes', undefined, 'GET', '?like=alpha')).json()).toEqual({ n: 1 });
    });

    it('compares moments given as the script realm\'s Date', async () => {
        await call('create_note', { name: 'dated' });
        expect((await call('count_since', undefined, 'GET', `?since=${Date.now() + 60_000}`)).json()).toEqual({ n: 0 });
        expect((await call('count_since', undefined, 'GET', `?since=${Date.now() - 60_000}`)).json().n).toBeGreaterThan(0);
    });
});
