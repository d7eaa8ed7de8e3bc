/**
 * Two host instances on different ports sharing one PostgreSQL database, its realtime bus
 * and the data folder, as behind a load balancer: a sign-in on one is good on the other, a
 * message taken in by one reaches an operator's socket on the other, and a durable timer
 * fires once, on whichever instance is still running.
 */
import { lineTopic } from '../../scripts/shared/topics';
import { startFakeMessenger, type FakeMessenger } from '../live-chats/support/fake-messenger';
import { apiFor, createLiveChat, eventually, type Api } from '../live-chats/support/live-chat';
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { createTestDatabase, type TestDatabase } from '../support/pg-database';
import { openTab, until, type Tab } from '../support/sockets';
import { startTestHost, tempDir, type TestHost } from '../support/test-host';

/** A first instance (with the product, or with `install` run on it) and a second one started after it. */
async function pair(install?: (a: TestHost) => Promise<void>): Promise<{ a: TestHost; b: TestHost; db: TestDatabase; dataDir: string }> {
    const db = await createTestDatabase();
    const dataDir = tempDir();
    const hostOptions = { databaseUrl: db.url };
    const a = await startTestHost({ dataDir, hostOptions, database: db, ...(install ? { packageFile: null } : {}) });
    await install?.(a);
    const b = await startTestHost({ dataDir, hostOptions, database: db, packageFile: null, demo: false });
    return { a, b, db, dataDir };
}

describe('two host instances on one PostgreSQL database', () => {
    describe('realtime', () => {
        let a: TestHost;
        let b: TestHost;
        let db: TestDatabase;
        let api: Api;
        let socket: Tab | undefined;
        let messenger: FakeMessenger;

        beforeAll(async () => {
            ({ a, b, db } = await pair());
            messenger = await startFakeMessenger();
            await a.host.listen(0);
            api = await apiFor(a);
        }, 120_000);
        afterAll(async () => {
            socket?.socket.terminate();
            await b.stop();
            await a.stop();
            await db.drop();
            await messenger.close();
        });

        it('delivers a message taken in by instance A to a supervisor whose socket is on instance B, signed in on A', async () => {
            const chat = await createLiveChat(a, api, messenger);
            const address = await b.host.listen(0);
            // The cookie was issued by A; B accepts it because sign-ins live in the database.
            socket = await openTab(`${address.replace('http', 'ws')}/api/ws`, api.cookies.supervisor);
            await until(() => socket!.messages.some((m) => m.type === 'hello'), 15_000);
            socket.socket.send(JSON.stringify({ type: 'subscribe', topic: lineTopic(chat.lineId) }));
            await until(() => b.host.hub.subscribers(lineTopic(chat.lineId)) === 1, 15_000);
            expect(a.host.hub.subscribers(lineTopic(chat.lineId))).toBe(0);

            expect((await api.clientWrites(chat.otherChannelId, { id: 'm-1', user: 'u-anna', text: 'Hello from far away' })).statusCode).toBe(200);
            await a.host.idle();
            await until(() => socket!.events().some((e) => e.event === 'live_chats.lists_changed'), 20_000);
            // A push larger than a notification carries goes by reference and still arrives, in order.
            const big = { text: 'y'.repeat(20_000) };
            await a.host.hub.publish({ groups: ['supervisors'] }, 'test.big', big);
            await a.host.hub.publish({ groups: ['supervisors'] }, 'test.small', {});
            await until(() => socket!.events().some((e) => e.event === 'test.small'), 20_000);
            const names = socket.events().map((e) => e.event);
            expect(names.indexOf('test.big')).toBeGreaterThanOrEqual(0);
            expect(names.indexOf('test.big')).toBeLessThan(names.indexOf('test.small'));
            expect((socket.events().find((e) => e.event === 'test.big')!.payload as { text: string }).text).toHaveLength(20_000);
        }, 90_000);
    });

    describe('timers', () => {
        const manifest = fixtureManifest({ api: [{ code: 'later', script: 'later' }] });
        const server = `
const scripts = {
    async later(req) {
        await System.timers.set(req.body.key, new TDatetime().add(new Duration(Number(req.body.ms), 'milliseconds')), 'remind', { text: req.body.key });
        return new HttpResponse().json({ ok: true });
    },
    async remind() {
        const note = Namespace.app.notes.create();
        note.data.__name = 'fired: ' + Context.data.payload.text;
        await note.save();
    },
};
module.exports = { scripts, widgets: {} };
`;
        let a: TestHost;
        let b: TestHost;
        let db: TestDatabase;

        beforeAll(async () => {
            ({ a, b, db } = await pair((first) => first.host.extensions.install(fixturePackage(manifest, server)).then(() => undefined)));
        }, 120_000);
        afterAll(async () => {
            await b.stop();
            await a.stop();
            await db.drop();
        });

        const fired = async (key: string) => b.host.items.count('fixture.notes', { where: { kind: 'cmp', field: '__name', op: 'eq', value: `fired: ${key}` } });
        const arm = async (key: string, ms: number) => {
            const res = await a.request({ method: 'POST', url: '/api/extensions/fixture/later', cookie: await a.login('admin'), body: { key, ms } });
            expect(res.statusCode).toBe(200);
        };

        it('fires a timer once while both instances run', async () => {
            for (let i = 0; i < 5; i++) await arm(`both-${i}`, 300);
            await eventually(async () => (await Promise.all([0, 1, 2, 3, 4].map((i) => fired(`both-${i}`)))).every((n) => n >= 1), 10_000);
            await new Promise((r) => setTimeout(r, 1000));
            for (let i = 0; i < 5; i++) expect(await fired(`both-${i}`)).toBe(1);
        }, 60_000);

        it('fires a timer armed on A once, on B, when A is stopped', async () => {
            await arm('after-a-stops', 1200);
            await a.stop();
            await eventually(async () => (await fired('after-a-stops')) >= 1, 10_000);
            await new Promise((r) => setTimeout(r, 1000));
            expect(await fired('after-a-stops')).toBe(1);
            expect(await b.host.store.system.timers.get('fixture:after-a-stops')).toBeUndefined();
        }, 60_000);
    });
});
