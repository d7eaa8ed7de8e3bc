/**
 * Who may use an app, as administrators change it after install: the access API, the item
 * API following it at once, refusals that change nothing, defaults restored, and the
 * change kept over a restart and an upgrade of the extension.
 */
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startTestHost, type TestHost } from '../support/test-host';

const manifest = (version: string) => fixtureManifest({
    version,
    groups: [{ code: 'staff', name: 'Staff' }, { code: 'auditors', name: 'Auditors' }],
    apps: [{ code: 'tickets', name: 'Tickets', fields: [{ code: 'topic', name: 'Topic', type: 'STRING' }], permissions: { read: ['staff'], create: ['staff'] } }],
});

describe('app access set by administrators', () => {
    let t: TestHost;
    let admin: string;
    let auditor: string;
    let staff: string;
    const url = '/api/apps/fixture/tickets/access';

    const status = async (cookie: string, method = 'GET', path = '/api/apps/fixture/tickets/items', body?: unknown) => (await t.request({ method, url: path, cookie, body })).statusCode;

    beforeAll(async () => {
        t = await startTestHost({ packageFile: null });
        await t.host.extensions.install(fixturePackage(manifest('1.0.0')));
        const users = t.host.store.system.users;
        await users.setGroups((await users.byLogin('reader'))!.id, ['auditors']);
        await users.setGroups((await users.byLogin('employee'))!.id, ['staff']);
        admin = await t.login('admin');
        auditor = await t.login('reader');
        staff = await t.login('employee');
    });
    afterAll(() => t.close());

    it('describes the rights, the manifest\'s defaults and the groups to choose from, to administrators only', async () => {
        const res = await t.request({ method: 'GET', url, cookie: admin });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.changed).toBe(false);
        expect(body.access).toEqual(body.defaults);
        expect(body.access.read).toEqual(['staff']);
        expect(body.groups.map((g: { code: string }) => g.code)).toEqual(expect.arrayContaining(['staff', 'auditors']));
        expect(body.groups.map((g: { code: string }) => g.code)).not.toContain('administrators');
        expect(await status(staff, 'GET', url)).toBe(403);
        expect(await status(staff, 'PUT', url, { access: null })).toBe(403);
    });

    it('lets a group in at once when an administrator grants it, and out again', async () => {
        expect(await status(auditor)).toBe(403);
        const granted = await t.request({ method: 'PUT', url, cookie: admin, body: { access: { read: ['staff', 'auditors'], create: ['staff'], update: [], delete: [], export: ['auditors'] } } });
        expect(granted.statusCode).toBe(200);
        expect(granted.json()).toMatchObject({ changed: true, access: { read: ['auditors', 'staff'], export: ['auditors'] } });
        expect(await status(auditor)).toBe(200);
        expect(await status(auditor, 'GET', '/api/apps/fixture/tickets/export?format=csv')).toBe(200);
        expect(await status(auditor, 'POST', '/api/apps/fixture/tickets/items', { __name: 'x' })).toBe(403);
        expect((await t.request({ method: 'GET', url: '/api/apps/fixture/tickets', cookie: auditor })).json().allowed).toEqual(['read', 'export']);
        await t.request({ method: 'PUT', url, cookie: admin, body: { access: { read: ['staff'], create: ['staff'], update: [], delete: [], export: [] } } });
        expect(await status(auditor)).toBe(403);
    });

    it('refuses unknown groups, unknown actions and missing actions, and changes nothing', async () => {
        const before = (await t.request({ method: 'GET', url, cookie: admin })).json().access;
        for (const access of [
            { read: ['nobody'], create: [], update: [], delete: [], export: [] },
            { read: [], create: [], update: [], delete: [], export: [], approve: [] },
            { read: ['staff'] },
            ['staff'],
        ]) {
            const res = await t.request({ method: 'PUT', url, cookie: admin, body: { access } });
            expect(res.statusCode).toBe(400);
            expect(res.json().error.code).toBe('BAD_REQUEST');
        }
        expect((await t.request({ method: 'PUT', url, cookie: admin, body: {} })).statusCode).toBe(400);
        expect((await t.request({ method: 'GET', url, cookie: admin })).json().access).toEqual(before);
    });

    it('keeps the change over a restart and an upgrade, and goes back to the defaults on request', async () => {
        await t.request({ method: 'PUT', url, cookie: admin, body: { access: { read: ['auditors'], create: [], update: [], delete: [], export: [] } } });
        t = await t.restart();
        [admin, auditor, staff] = [await t.login('admin'), await t.login('reader'), await t.login('employee')];
        expect(await status(auditor)).toBe(200);
        expect(await status(staff)).toBe(403);
        await t.host.extensions.install(fixturePackage(manifest('1.1.0')));
        expect(await status(auditor)).toBe(200);
        const reset = await t.request({ method: 'PUT', url, cookie: admin, body: { access: null } });
        expect(reset.json()).toMatchObject({ changed: false, access: { read: ['staff'] } });
        expect(await status(auditor)).toBe(403);
        expect(await status(staff)).toBe(200);
    });
});
