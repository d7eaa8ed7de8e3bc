/**
 * The web shell's server side through inject: the page for deep links, navigation filtered
 * by the user's groups, the user lookup, files of FILE fields and widget bundles.
 */
import fs from 'node:fs';
import { writeProbePackage } from '../support/probe-extension';
import { startTestHost, type TestHost } from '../support/test-host';

describe('web shell API', () => {
    let t: TestHost;
    let admin: string;
    let reader: string;

    beforeAll(async () => {
        t = await startTestHost();
        await t.host.extensions.install(new Uint8Array(fs.readFileSync(writeProbePackage(t.dataDir))));
        admin = await t.login('admin');
        reader = await t.login('reader');
    });
    afterAll(() => t.close());

    it('answers the shell page on deep links and its bundle, but 404 JSON on unknown API paths', async () => {
        const page = await t.request({ method: 'GET', url: '/apps/live_chats/articles/items/x' });
        expect(page.statusCode).toBe(200);
        expect(page.headers['content-type']).toMatch(/text\/html/);
        expect(page.body).toContain('<script src="/web/shell.js"></script>');
        const script = await t.request({ method: 'GET', url: '/web/shell.js' });
        expect(script.statusCode).toBe(200);
        expect(script.headers['content-type']).toMatch(/javascript/);
        expect((await t.request({ method: 'GET', url: '/web/..%2Fpackage.json' })).statusCode).toBe(404);
        expect((await t.request({ method: 'GET', url: '/api/nothing', cookie: admin })).json().error.code).toBe('NOT_FOUND');
    });

    it('lists for each user only the pages their groups may read', async () => {
        const pages = async (cookie: string) => ((await t.request({ method: 'GET', url: '/api/workspaces', cookie })).json().workspaces as
            { code: string; sections: { pages: { path: string }[] }[] }[]).flatMap((w) => w.sections.flatMap((s) => s.pages.map((p) => p.path)));
        expect(await pages(reader)).toEqual(['/apps/live_chats/contacts', '/apps/live_chats/articles', '/apps/live_chats/lines', '/apps/live_chats/clients', '/widgets/probe-kit/probe', '/widgets/probe-kit/probe?question=asked+%26+answered']);
        const adminPages = await pages(admin);
        expect(adminPages).toEqual(expect.arrayContaining(['/apps/live_chats/sessions', '/apps/live_chats/blocklist', '/apps/live_chats/sla', '/apps/live_chats/templates']));
        expect((await t.request({ method: 'GET', url: '/api/workspaces', cookie: reader })).json().admin).toBe(false);
        expect((await t.request({ method: 'GET', url: '/api/workspaces' })).statusCode).toBe(401);
    });

    it('adds the pages a section script returns for the user, drops pages naming unknown widgets, and lists user-menu widgets', async () => {
        const nav = (await t.request({ method: 'GET', url: '/api/workspaces', cookie: reader })).json();
        const probe = nav.workspaces.find((w: { code: string }) => w.code === 'probe');
        expect(probe.sections.find((s: { code: string }) => s.code === 'asked').pages).toEqual([
            { code: 'asked', name: 'Asked by Rita Reader', path: '/widgets/probe-kit/probe?question=asked+%26+answered' },
        ]);
        expect(nav.userMenu).toEqual(expect.arrayContaining([{ extension: 'probe-kit', widget: 'probe-menu' }]));
    });

    it('finds users by name for pickers and names users by id', async () => {
        const found = (await t.request({ method: 'GET', url: '/api/users?q=olga', cookie: reader })).json().users;
        expect(found).toEqual([{ id: expect.any(String), fullname: 'Olga Operator', login: 'operator1', email: 'operator1@example.com' }]);
        expect(found[0]).not.toHaveProperty('passwordHash');
        const named = (await t.request({ method: 'GET', url: `/api/users?ids=${found[0].id},missing`, cookie: reader })).json().users;
        expect(named.map((u: { fullname: string }) => u.fullname)).toEqual(['Olga Operator']);
    });

    it('stores an uploaded file and sends it back as a download', async () => {
        const up = await t.request({ method: 'POST', url: '/api/files?name=notes%2F..%2Fplan.txt&type=text/plain', cookie: reader, body: Buffer.from('the plan'), headers: { 'content-type': 'application/octet-stream' } });
        expect(up.statusCode).toBe(201);
        expect(up.json()).toEqual({ id: expect.any(String), name: 'plan.txt', size: 8, contentType: 'text/plain' });
        const down = await t.request({ method: 'GET', url: `/api/files/${up.json().id}`, cookie: admin });
        expect(down.body).toBe('the plan');
        expect(down.headers['content-disposition']).toBe("attachment; filename*=UTF-8''plan.txt");
        expect((await t.request({ method: 'GET', url: `/api/files/${up.json().id}` })).statusCode).toBe(401);
        expect((await t.request({ method: 'GET', url: '/api/files/..%2F..%2Fetc', cookie: admin })).statusCode).toBe(404);
    });

    it('serves a widget descriptor and its bundle from the installed package', async () => {
        const descriptor = await t.request({ method: 'GET', url: '/api/widgets/probe-kit/probe', cookie: reader });
        expect(descriptor.json()).toMatchObject({ extension: 'probe-kit', namespace: 'probe', code: 'probe', rpc: ['ping'] });
        const bundle = await t.request({ method: 'GET', url: '/web/widgets/probe-kit/probe.js', cookie: reader });
        expect(bundle.body).toContain('BrixWidgets.probe');
        expect((await t.request({ method: 'GET', url: '/web/widgets/probe-kit/nope.js', cookie: reader })).statusCode).toBe(404);
        expect((await t.request({ method: 'GET', url: '/web/widgets/probe-kit/probe.js' })).statusCode).toBe(401);
    });
});
