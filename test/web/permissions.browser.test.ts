/**
 * What a reader sees in Chromium: only the pages their groups may read, no create button,
 * and a 403 when they forge the request the button would send. Also the phone layout.
 */
import { startBrowserHost, type BrowserHost } from '../support/browser';

describe('web shell: permissions and small screens', () => {
    let b: BrowserHost;
    beforeAll(async () => {
        b = await startBrowserHost();
        await b.t.host.items.create('live_chats.articles', { __name: 'Opening hours', description: 'We answer 9–18' }, null);
    });
    afterAll(() => b.close());

    it('shows a reader the pages they may read, without create, and refuses a forged create', async () => {
        const page = await b.open('reader');
        const nav = page.getByRole('navigation', { name: 'Workspaces' });
        expect(await nav.getByRole('link').allTextContents()).toEqual(['Contacts', 'Articles', 'Live chats', 'Clients']);

        await nav.getByRole('link', { name: 'Articles' }).click();
        await page.getByRole('link', { name: 'Opening hours' }).waitFor();
        expect(await page.getByRole('link', { name: '+ Article' }).count()).toBe(0);

        await page.getByRole('link', { name: 'Opening hours' }).click();
        await page.getByText('We answer 9–18').waitFor();
        expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);

        const forged = await page.evaluate(async () => {
            const res = await fetch('/api/apps/live_chats/articles/items', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ __name: 'Forged' }) });
            return { status: res.status, body: await res.json() };
        });
        expect(forged).toEqual({ status: 403, body: { error: { code: 'FORBIDDEN', message: expect.any(String) } } });
        expect(await b.t.host.items.count('live_chats.articles', {})).toBe(1);

        await page.goto('/apps/live_chats/sla');
        await page.getByText('You may not open this page.').waitFor();
        await page.context().close();
    });

    it('works on a 390-px phone: the menu opens and lists become readable cards', async () => {
        const page = await b.open('supervisor', { width: 390, height: 844 });
        const menu = page.getByRole('button', { name: 'Menu' });
        await menu.waitFor();
        expect(await page.getByRole('navigation', { name: 'Workspaces' }).isVisible()).toBe(false);
        await menu.click();
        expect(await menu.getAttribute('aria-expanded')).toBe('true');
        await page.getByRole('link', { name: 'Articles' }).click();
        await page.getByRole('link', { name: 'Opening hours' }).waitFor();
        expect(await page.getByRole('navigation', { name: 'Workspaces' }).isVisible()).toBe(false);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(390);
        await page.context().close();
    });
});
