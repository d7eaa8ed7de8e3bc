/**
 * The write path does only the work that has a purpose: no outbox row for an event nobody
 * handles (a published one included, until another extension handles it), no write for a save that changes nothing, each reference checked once per
 * transaction, and no read-back of what was just written.
 */
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startTestHost, type TestHost } from '../support/test-host';

const manifest = fixtureManifest({
    apps: [
        { code: 'notes', name: 'Notes', fields: [{ code: 'body', name: 'Body', type: 'TEXT' }, { code: 'owner', name: 'Owner', type: 'SYS_USER' }], permissions: { read: ['staff'], create: ['staff'] } },
        { code: 'tags', name: 'Tags', fields: [{ code: 'note', name: 'Note', type: 'SYS_COLLECTION', app: 'notes' }], permissions: {} },
    ],
    events: [{ on: 'item_create', app: 'notes', script: 'noted' }, { on: 'custom', event: 'heard', script: 'noted' }],
    api: [{ code: 'write', script: 'write' }, { code: 'emit', script: 'emitThenChange' }],
});

const server = `
const scripts = {
    async noted() {},
    async emitThenChange() {
        const payload = { at: new TDatetime(0), list: [1] };
        await System.transaction(async () => {
            await System.events.emit('heard', payload);
            payload.list.push(2);
        });
        return new HttpResponse().json({ ok: true });
    },
    async write(req) {
        return System.transaction(async () => {
            const note = Namespace.app.notes.create();
            note.data.__name = 'n';
            note.data.owner = System.users.getCurrentUser ? (await System.users.getCurrentUser()).getRef?.() ?? null : null;
            await note.save();
            const savedAt = note.data.__updatedAt.getTime();
            note.data.body = null;
            await note.save();
            for (let i = 0; i < 5; i++) {
                const tag = Namespace.app.tags.create();
                tag.data.__name = 't' + i;
                tag.data.note = note.getRef();
                await tag.save();
            }
            await System.events.emit('heard', {});
            await System.events.emit('unheard', {});
            return new HttpResponse().json({ id: note.id, unchanged: note.data.__updatedAt.getTime() === savedAt });
        });
    },
};
module.exports = { scripts, widgets: {} };
`;

describe('the write path', () => {
    let t: TestHost;
    beforeAll(async () => {
        t = await startTestHost({ packageFile: null });
        await t.host.extensions.install(fixturePackage(manifest, server));
    });
    afterAll(() => t.close());

    it('queues only handled events, skips empty saves and reads nothing to check a reference it knows', async () => {
        const queued: string[] = [];
        const outbox = t.host.store.system.outbox;
        const add = outbox.add.bind(outbox);
        outbox.add = async (extensionId, kind, payload) => {
            queued.push(kind === 'custom' ? (payload as { event: string }).event : `${kind} ${(payload as { app: string }).app}`);
            return add(extensionId, kind, payload);
        };
        const gets: string[] = [];
        const get = t.host.store.get.bind(t.host.store);
        t.host.store.get = async (app, id) => {
            // The handler of item_create reads its item after commit: not part of the write.
            if (!new Error().stack!.includes('EventDispatcher')) gets.push(app.key);
            return get(app, id);
        };
        const res = await t.request({ method: 'POST', url: '/api/extensions/fixture/write', cookie: await t.login('admin'), body: {} });
        expect(res.statusCode).toBe(200);
        expect(res.json().unchanged).toBe(true);
        expect(queued).toEqual(['item_create fixture.notes', 'heard']);
        // The save that changes nothing reads nothing; the tags' note was created in this
        // transaction, so it is known to exist; nothing is read back after writes.
        expect(gets).toEqual([]);
        const unknown = await t.request({ method: 'POST', url: '/api/apps/fixture/tags/items', cookie: await t.login('admin'), body: { __name: 't', note: 'no-such-note' } });
        expect(unknown.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: { note: 'no item no-such-note' } } });
    });

    it('hands an emitted event on as JSON taken when it was emitted', async () => {
        const seen: unknown[] = [];
        const listening = t.host.runner.onDidEmit((e) => seen.push(e.payload));
        const res = await t.request({ method: 'POST', url: '/api/extensions/fixture/emit', cookie: await t.login('admin'), body: {} });
        listening.dispose();
        expect(res.statusCode).toBe(200);
        expect(seen).toEqual([{ at: '1970-01-01T00:00:00.000Z', list: [1] }]);
    });
});

describe('a published event', () => {
    const publisher = fixtureManifest({ api: [{ code: 'say', script: 'say' }], publishes: ['fixture.said'] });
    const listener = fixtureManifest({
        id: 'listener', name: 'Listener', namespace: 'listener',
        events: [{ on: 'custom', from: 'fixture', event: 'fixture.said', script: 'heard' }],
    });

    it('is queued only once another extension handles it', async () => {
        const t = await startTestHost({ packageFile: null });
        try {
            await t.host.extensions.install(fixturePackage(publisher, `module.exports = { widgets: {}, scripts: {
                async say() { await System.events.emit('fixture.said', {}); return new HttpResponse().json({}); },
            } };`));
            const queued: string[] = [];
            const outbox = t.host.store.system.outbox;
            const add = outbox.add.bind(outbox);
            outbox.add = async (extensionId, kind, payload) => {
                queued.push((payload as { event: string }).event);
                return add(extensionId, kind, payload);
            };
            const say = async () => expect((await t.request({ method: 'POST', url: '/api/extensions/fixture/say', cookie: await t.login('admin'), body: {} })).statusCode).toBe(200);
            await say();
            expect(queued).toEqual([]);
            await t.host.extensions.install(fixturePackage(listener, 'module.exports = { widgets: {}, scripts: { async heard() {} } };'));
            await say();
            expect(queued).toEqual(['fixture.said']);
        } finally {
            await t.close();
        }
    });
});

describe('saves of an item two scripts loaded', () => {
    const twoWriters = fixtureManifest({
        apps: [{ code: 'notes', name: 'Notes', fields: [{ code: 'body', name: 'Body', type: 'TEXT' }, { code: 'seen', name: 'Seen', type: 'BOOLEAN' }], permissions: {} }],
        api: [{ code: 'race', script: 'race' }],
    });
    const racing = `
module.exports = { widgets: {}, scripts: {
    async race() {
        const note = Namespace.app.notes.create();
        note.data.__name = 'n';
        note.data.body = 'first';
        await note.save();
        const [a, b] = [await Namespace.app.notes.search().where((f) => f.__id.eq(note.id)).first(), await Namespace.app.notes.search().where((f) => f.__id.eq(note.id)).first()];
        a.data.body = 'changed by a';
        await a.save();
        b.data.seen = true;
        await b.save();
        const after = await Namespace.app.notes.search().where((f) => f.__id.eq(note.id)).first();
        return new HttpResponse().json({ body: after.data.body, seen: after.data.seen });
    },
} };`;

    it('keeps both changes: a save writes only the fields its script changed', async () => {
        const t = await startTestHost({ packageFile: null });
        try {
            await t.host.extensions.install(fixturePackage(twoWriters, racing));
            const res = await t.request({ method: 'POST', url: '/api/extensions/fixture/race', cookie: await t.login('admin'), body: {} });
            expect(res.json()).toEqual({ body: 'changed by a', seen: true });
        } finally {
            await t.close();
        }
    });
});
