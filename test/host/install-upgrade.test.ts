/**
 * Installing, upgrading and uninstalling packages through the host: migrations keep data,
 * a bad package changes nothing, and a package's status survives restarts.
 */
import { HostError } from '../../host/errors';
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startTestHost, type TestHost } from '../support/test-host';

async function installError(t: TestHost, bytes: Uint8Array): Promise<HostError> {
    try {
        await t.host.extensions.install(bytes);
    } catch (error) {
        return error as HostError;
    }
    throw new Error('install should have failed');
}

describe('installing and upgrading packages', () => {
    let t: TestHost;
    beforeEach(async () => {
        t = await startTestHost({ packageFile: null });
    });
    afterEach(() => t.close());

    it('installs a package, reports progress, creates its groups and lists it in health', async () => {
        const steps: string[] = [];
        const result = await t.host.extensions.install(fixturePackage(fixtureManifest()), (p) => steps.push(p.step));
        expect(result).toMatchObject({ id: 'fixture', version: '1.0.0', previousVersion: null });
        expect(steps).toEqual(['validate', 'unpack', 'load', 'migrate', 'activate', 'done']);
        expect((await t.host.store.system.groups.list()).map((g) => g.code)).toContain('staff');
        expect((await t.request({ method: 'GET', url: '/api/health' })).json().extensions).toEqual([{ id: 'fixture', version: '1.0.0', status: 'installed' }]);
    });

    it('upgrades to a version that adds an app, a field and an index, keeping existing rows', async () => {
        await t.host.extensions.install(fixturePackage(fixtureManifest()));
        const admin = await t.login('admin');
        const note = (await t.request({ method: 'POST', url: '/api/apps/fixture/notes/items', cookie: admin, body: { __name: 'Kept', body: 'old row' } })).json();

        const v2 = fixtureManifest({ version: '1.1.0' });
        v2.apps![0].fields.push({ code: 'pinned', name: 'Pinned', type: 'BOOLEAN' });
        v2.apps![0].indexes = [{ fields: ['pinned'] }];
        v2.apps!.push({ code: 'tags', name: 'Tags', fields: [], permissions: { read: ['staff'] } });
        const result = await t.host.extensions.install(fixturePackage(v2));
        expect(result.previousVersion).toBe('1.0.0');
        expect(result.steps.map((s) => `${s.action}:${s.detail}`)).toEqual(['add_column:pinned', 'create_index:ix_app_fixture__notes_pinned', 'create_table:app_fixture__tags']);
        expect((await t.request({ method: 'POST', url: '/api/apps/fixture/tags/items', cookie: admin, body: { __name: 'urgent' } })).statusCode).toBe(201);

        const kept = (await t.request({ method: 'GET', url: `/api/apps/fixture/notes/items/${note.__id}`, cookie: admin })).json();
        expect(kept).toMatchObject({ __name: 'Kept', body: 'old row', pinned: null });
        const patched = await t.request({ method: 'PATCH', url: `/api/apps/fixture/notes/items/${note.__id}`, cookie: admin, body: { pinned: true } });
        expect(patched.json().pinned).toBe(true);
    });

    it('refuses an upgrade that would change a column type, and keeps the installed version', async () => {
        await t.host.extensions.install(fixturePackage(fixtureManifest()));
        const v2 = fixtureManifest({ version: '2.0.0' });
        v2.apps![0].fields[0] = { code: 'body', name: 'Body', type: 'INTEGER' };
        const error = await installError(t, fixturePackage(v2));
        expect(error.code).toBe('INCOMPATIBLE_CHANGE');
        expect((await t.host.store.system.extensions.get('fixture'))!.version).toBe('1.0.0');
    });

    it('refuses a bad manifest with every problem listed by path, installing nothing', async () => {
        const bad = fixtureManifest({ namespace: 'Bad-Name' });
        (bad.apps![0].fields as unknown[]).push({ code: 'state', name: 'State', type: 'ENUM' }, { code: 'x', name: 'X', type: 'NOPE' });
        bad.apps![0].permissions.read = ['ghosts'];
        const error = await installError(t, fixturePackage(bad));
        expect(error.code).toBe('INVALID_MANIFEST');
        const paths = (error.details as { problems: { path: string }[] }).problems.map((p) => p.path);
        expect(paths).toEqual(expect.arrayContaining(['namespace', 'apps.0.fields.1.options', 'apps.0.fields.2.type', 'apps.0.permissions.read.0']));
        expect(await t.host.store.system.extensions.list()).toEqual([]);
        expect((await t.host.store.system.groups.list()).map((g) => g.code)).not.toContain('staff');
    });

    it('refuses a package whose server bundle does not load, installing nothing', async () => {
        const error = await installError(t, fixturePackage(fixtureManifest(), 'throw new Error("broken bundle")'));
        expect(error.code).toBe('INVALID_PACKAGE');
        expect(error.message).toMatch(/broken bundle/);
        expect(await t.host.store.system.extensions.list()).toEqual([]);
    });

    it('refuses a package for another host version and a file that is not a package', async () => {
        expect((await installError(t, fixturePackage(fixtureManifest({ host: '>=9.0.0' })))).code).toBe('INCOMPATIBLE_HOST');
        expect((await installError(t, new Uint8Array([1, 2, 3]))).code).toBe('INVALID_PACKAGE');
    });

    it('installs through the administration API for administrators only', async () => {
        const bytes = Buffer.from(fixturePackage(fixtureManifest()));
        const headers = { 'content-type': 'application/octet-stream' };
        const reader = await t.login('reader');
        expect((await t.request({ method: 'POST', url: '/api/admin/extensions', cookie: reader, body: bytes, headers })).statusCode).toBe(403);
        const admin = await t.login('admin');
        const res = await t.request({ method: 'POST', url: '/api/admin/extensions', cookie: admin, body: bytes, headers });
        expect(res.statusCode).toBe(201);
        const bad = await t.request({ method: 'POST', url: '/api/admin/extensions', cookie: admin, body: Buffer.from(fixturePackage(fixtureManifest({ id: 'Bad Id' }))), headers });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error).toMatchObject({ code: 'INVALID_MANIFEST', details: { problems: [{ path: 'id', message: expect.any(String) }] } });
    });

    it('uninstalls keeping data, and a later install finds the rows again; purge removes them', async () => {
        await t.host.extensions.install(fixturePackage(fixtureManifest()));
        const admin = await t.login('admin');
        await t.request({ method: 'POST', url: '/api/apps/fixture/notes/items', cookie: admin, body: { __name: 'Survivor' } });
        await t.host.extensions.uninstall('fixture');
        expect((await t.request({ method: 'GET', url: '/api/apps/fixture/notes/items', cookie: admin })).statusCode).toBe(404);
        await t.host.extensions.install(fixturePackage(fixtureManifest()));
        expect((await t.request({ method: 'GET', url: '/api/apps/fixture/notes/items', cookie: admin })).json().total).toBe(1);
        await t.host.extensions.uninstall('fixture', true);
        await t.host.extensions.install(fixturePackage(fixtureManifest()));
        expect((await t.request({ method: 'GET', url: '/api/apps/fixture/notes/items', cookie: admin })).json().total).toBe(0);
    });

    it('keeps the installed extension across a restart', async () => {
        await t.host.extensions.install(fixturePackage(fixtureManifest()));
        t = await t.restart();
        expect(t.host.extensions.get('fixture')).toBeDefined();
        expect((await t.request({ method: 'GET', url: '/api/health' })).json().extensions[0].status).toBe('installed');
    });
});
