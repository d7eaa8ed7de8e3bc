/**
 * Extensions working together through the host, generically: a method one exports is
 * called by another's script with the caller's user (or its declared service user, never
 * anyone more powerful); events one publishes reach handlers another declares `from` it,
 * once each; another extension's app is used with the acting user's rights.
 */
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startTestHost, type TestHost } from '../support/test-host';

const provider = fixtureManifest({
    id: 'provider', name: 'Provider', namespace: 'provider', groups: [{ code: 'staff', name: 'Staff' }],
    api: [{ code: 'ping', script: 'ping' }],
    exports: [{ code: 'echo', script: 'echo' }, { code: 'refuse', script: 'refuse' }],
    publishes: ['provider.pinged'],
});
const providerServer = `
module.exports = { widgets: {}, scripts: {
    async ping() {
        await System.events.emit('provider.pinged', { n: 1 });
        await System.events.emit('provider.private', { n: 2 });
        return new HttpResponse().json({ ok: true });
    },
    async echo(params) {
        const user = await System.users.getCurrentUser();
        return { params, same: params === Context.data.params || JSON.stringify(params) === JSON.stringify(Context.data.params), login: user.data.login, caller: Context.data.caller.namespace };
    },
    async refuse() { throw new ApiError('NOT_FOR_YOU', 'Refused by the provider', 403); },
} };`;

const consumer = (id: string, service: boolean) => fixtureManifest({
    id, name: id, namespace: id.replace('-', '_'), groups: [{ code: `${id.replace('-', '_')}_staff`, name: 'Staff' }],
    ...(service ? { serviceUser: { name: `${id} robot` } } : {}),
    apps: [{ code: 'notes', name: 'Notes', fields: [{ code: 'body', name: 'Body', type: 'TEXT' }], permissions: { read: [], create: [] } }],
    api: [{ code: 'call', script: 'call' }, { code: 'read_provider', script: 'readProvider' }],
    events: [
        { on: 'custom', from: 'provider', event: 'provider.pinged', script: 'heard' },
        { on: 'custom', from: 'provider', event: 'provider.private', script: 'heard' },
    ],
});
const consumerServer = `
module.exports = { widgets: {}, scripts: {
    async call(req) {
        try {
            const answer = await System.extensions.call(req.body.namespace || 'provider', req.body.method, req.body.params, req.body.as ? { as: req.body.as } : undefined);
            return new HttpResponse().json({ answer });
        } catch (e) {
            return new HttpResponse().status(e.status || e.statusCode || 500).json({ error: { code: e.code, message: e.message } });
        }
    },
    async readProvider() {
        try {
            const app = await System.apps.get('provider.notes');
            return new HttpResponse().json({ count: await app.search().count() });
        } catch (e) {
            return new HttpResponse().status(403).json({ error: { code: e.code, message: e.message } });
        }
    },
    async heard() {
        const note = Namespace.app.notes.create();
        note.data.__name = Context.data.event;
        await note.save();
    },
} };`;

let t: TestHost;
let admin: string;
let reader: string;

const post = (cookie: string, url: string, body: object = {}) => t.request({ method: 'POST', url, cookie, body });

beforeAll(async () => {
    t = await startTestHost({ packageFile: null });
    await t.host.extensions.install(fixturePackage(provider, providerServer));
    await t.host.extensions.install(fixturePackage(consumer('consumer', false), consumerServer));
    await t.host.extensions.install(fixturePackage(consumer('robot-user', true), consumerServer));
    admin = await t.login('admin');
    reader = await t.login('reader');
});
afterAll(() => t.close());

describe('calls across extensions', () => {
    it('runs an exported method with the calling script\'s user, and tells it who called', async () => {
        const res = await post(reader, '/api/extensions/consumer/call', { method: 'echo', params: { a: [1, 'x'] } });
        expect(res.statusCode).toBe(200);
        expect(res.json().answer).toEqual({ params: { a: [1, 'x'] }, same: true, login: 'reader', caller: 'consumer' });
    });

    it('passes the callee\'s refusal back unchanged, and refuses methods nobody exports', async () => {
        const refused = await post(admin, '/api/extensions/consumer/call', { method: 'refuse' });
        expect(refused.json().error).toMatchObject({ code: 'NOT_FOR_YOU' });
        const missing = await post(admin, '/api/extensions/consumer/call', { method: 'ping' });
        expect(missing.json().error.code).toBe('NOT_FOUND');
        const noExtension = await post(admin, '/api/extensions/consumer/call', { namespace: 'nobody', method: 'echo' });
        expect(noExtension.json().error.code).toBe('NOT_FOUND');
    });

    it('acts as the declared service user when asked, and refuses when there is none', async () => {
        const robot = await post(reader, '/api/extensions/robot_user/call', { method: 'echo', as: 'service' });
        expect(robot.json().answer.login).toBe('service.robot_user');
        const none = await post(admin, '/api/extensions/consumer/call', { method: 'echo', as: 'service' });
        expect(none.json().error.code).toBe('UNAUTHORIZED');
    });

    it('delivers a published event once to each extension that handles it, and an unpublished one to none', async () => {
        await post(admin, '/api/extensions/provider/ping');
        await t.host.idle();
        for (const ns of ['consumer', 'robot_user']) {
            const notes = (await t.request({ method: 'GET', url: `/api/apps/${ns}/notes/items?size=100`, cookie: admin })).json().items as { __name: string }[];
            expect(notes.map((n) => n.__name)).toEqual(['provider.pinged']);
        }
    });

    it('opens another extension\'s app only as far as the acting user\'s rights go', async () => {
        expect((await post(reader, '/api/extensions/consumer/read_provider')).json().error.code).toBe('FORBIDDEN');
        expect((await post(admin, '/api/extensions/consumer/read_provider')).json()).toEqual({ count: 0 });
    });
});
