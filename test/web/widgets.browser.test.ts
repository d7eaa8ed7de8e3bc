/**
 * Extensions in the browser: the administrator installs a package from the Extensions page
 * (with progress), its workspace appears, and its widget, on a page and on a form, reaches
 * its server method through `Server.rpc` and receives the server's realtime push.
 */
import { startBrowserHost, type BrowserHost } from '../support/browser';
import { writeProbePackage } from '../support/probe-extension';

describe('web shell: administration and widgets', () => {
    let b: BrowserHost;
    beforeAll(async () => { b = await startBrowserHost(); });
    afterAll(() => b.close());

    it('installs a package from the Extensions page and shows it with its version and status', async () => {
        const page = await b.open('admin');
        await page.getByRole('link', { name: 'Extensions' }).click();
        await page.getByRole('cell', { name: 'live-chats' }).waitFor();
        await page.getByLabel('Package file (.e365)').setInputFiles(writeProbePackage(b.t.dataDir));
        await page.getByRole('button', { name: 'Install' }).click();
        await page.locator('.notice').getByText('probe-kit 1.0.0 installed').waitFor();
        const row = page.getByRole('row').filter({ hasText: 'probe-kit' });
        expect(await row.getByRole('cell').allTextContents()).toEqual(['Probe kit', 'probe-kit', '1.0.0', 'installed', expect.any(String), '']);
        await page.locator('#install-progress').getByText('Installing: done (100%)').waitFor();
        expect(await page.locator('#install-progress progress').getAttribute('value')).toBe('100');
        await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Probe page' }).waitFor();
        await page.context().close();
    });

    it('lets a widget page call Server.rpc and receive a realtime push and a notification from the server', async () => {
        const page = await b.open('supervisor');
        await page.getByRole('link', { name: 'Probe page' }).click();
        await page.locator('.greeting').filter({ hasText: 'Hello on a page' }).waitFor();
        await page.getByRole('button', { name: 'Ask the server' }).click();
        await page.locator('.answer').filter({ hasText: 'pong to ping from Sam Supervisor' }).waitFor();
        await page.locator('.pushed').filter({ hasText: 'pushed after ping' }).waitFor();
        await page.locator('.notice').getByText('Probe: answered ping').waitFor();
        await page.context().close();
    });

    it('opens a page a section script added, with its parameters as the widget inputs, and mounts user-menu widgets', async () => {
        const page = await b.open('reader');
        await page.getByRole('group', { name: 'User menu' }).getByText('probe menu').waitFor();
        await page.getByRole('link', { name: 'Asked by Rita Reader' }).click();
        await page.locator('.question').filter({ hasText: 'asked & answered' }).waitFor();
        expect(await page.getByRole('link', { name: 'Asked by Rita Reader' }).getAttribute('aria-current')).toBe('page');
        expect(await page.getByRole('link', { name: 'Probe page' }).getAttribute('aria-current')).toBeNull();
        await page.context().close();
    });

    it('mounts a widget on an item form with its input bound to a form field, its placement settings and the form it is on', async () => {
        const note = await b.t.host.items.create('probe.notes', { __name: 'First note', topic: 'billing' }, null);
        const page = await b.open('admin');
        await page.goto(`/apps/probe/notes/items/${note.__id}`);
        await page.locator('.question').filter({ hasText: 'billing' }).waitFor();
        expect(await page.locator('.greeting').textContent()).toBe(`Hi on probe.notes ${note.__id}`);
        await page.getByRole('button', { name: 'Ask the server' }).click();
        await page.locator('.answer').filter({ hasText: 'pong to billing from Ada Admin' }).waitFor();
        await page.context().close();
    });
});
