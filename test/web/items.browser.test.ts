/**
 * The generic list and form in Chromium, as an administrator uses them: sign in, create an
 * Articles item through the form, find it by search, edit it, delete it.
 */
import type { Page } from 'playwright-core';
import { signIn, startBrowserHost, type BrowserHost } from '../support/browser';

describe('web shell: sign-in, lists and forms', () => {
    let b: BrowserHost;
    beforeAll(async () => { b = await startBrowserHost(); });
    afterAll(() => b.close());

    it('says so on a wrong password and keeps the session over a reload', async () => {
        const page = await b.open(null);
        await expectUrl(page, '/login');
        await signIn(page, 'admin', 'not-the-password');
        await page.getByRole('alert').filter({ hasText: 'Wrong login or password.' }).waitFor();
        expect(page.url()).toMatch(/\/login$/);

        await signIn(page, 'admin');
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
        await page.reload();
        await page.getByRole('button', { name: 'Sign out' }).waitFor();
        expect(await page.locator('.who').textContent()).toBe('Ada Admin');

        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByLabel('Password').waitFor();
        await page.reload();
        await page.getByLabel('Password').waitFor();
        await page.context().close();
    });

    it('creates, finds, edits and deletes an article through the generic views', async () => {
        const page = await b.open('admin');
        await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Articles' }).click();
        await page.getByRole('heading', { name: 'Articles' }).waitFor();
        await page.getByRole('link', { name: '+ Article' }).click();

        await page.getByRole('button', { name: 'Create' }).click();
        expect(await fieldError(page, '__name')).toBe('Name is required.');

        await page.getByLabel('Name').fill('Refund policy');
        await page.getByLabel('Description').fill('How refunds for damaged parcels work');
        await page.getByLabel('Link').fill('https://example.com/refunds');
        await page.getByRole('button', { name: 'Create' }).click();
        await page.getByRole('heading', { name: 'Refund policy' }).waitFor();
        const id = decodeURIComponent(page.url().split('/items/')[1]);
        expect((await b.t.host.items.get('live_chats.articles', id))?.description).toBe('How refunds for damaged parcels work');

        await page.getByRole('link', { name: 'Back to Articles' }).click();
        await page.getByLabel('Search').fill('damaged parcels');
        await page.getByRole('button', { name: 'Apply' }).click();
        await page.waitForURL(/q=damaged/);
        await expect(rowNames(page)).resolves.toEqual(['Refund policy']);
        await page.getByLabel('Search').fill('no such words');
        await page.getByRole('button', { name: 'Apply' }).click();
        await page.getByText('Nothing found.').waitFor();

        await page.goto(`/apps/live_chats/articles/items/${id}`);
        await page.getByLabel('Folder').fill('Billing');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByText('Saved').waitFor();
        await page.goto('/apps/live_chats/articles?q=refund');
        await page.getByRole('cell', { name: 'Billing' }).waitFor();

        await page.getByRole('link', { name: 'Refund policy' }).click();
        await page.getByRole('button', { name: 'Delete' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
        await page.waitForURL(/\/apps\/live_chats\/articles$/);
        await page.getByText('Nothing found.').waitFor();
        expect((await b.t.host.items.get('live_chats.articles', id))?.__deletedAt).toEqual(expect.any(Number));

        await page.getByLabel('Deleted items').check();
        await page.getByRole('button', { name: 'Apply' }).click();
        await expect(rowNames(page)).resolves.toEqual(['Refund policy']);
        await page.context().close();
    });

    it('sorts by a column and pages through many items without loading them all', async () => {
        for (let i = 0; i < 45; i++) await b.t.host.items.create('live_chats.templates', { __name: `Greeting ${String(i).padStart(2, '0')}`, text: 'Hello' }, null);
        const page = await b.open('admin');
        await page.goto('/apps/live_chats/templates');
        await page.getByText('1–20 of 45').waitFor();
        await page.getByRole('button', { name: 'Name' }).click();
        await page.waitForURL(/sort=__name%3Aasc/);
        expect((await rowNames(page))[0]).toBe('Greeting 00');
        await page.getByRole('button', { name: 'Next' }).click();
        await page.getByText('21–40 of 45').waitFor();
        expect((await rowNames(page))[0]).toBe('Greeting 20');
        await page.getByRole('button', { name: 'Name' }).click();
        await page.waitForURL(/sort=__name%3Adesc/);
        expect((await rowNames(page))[0]).toBe('Greeting 44');
        await page.context().close();
    });

    it('shows the server\'s problems next to the field they concern', async () => {
        const page = await b.open('admin');
        await page.goto('/apps/live_chats/blocklist/new');
        await page.getByLabel('Name').fill('Spammer');
        await page.getByLabel('List type').selectOption('blocklist');
        await page.getByLabel('Rule type').selectOption('email');
        await page.getByLabel('Rule operator').selectOption('equals');
        await page.getByLabel('Value').fill('spam@example.com');
        // A value the browser cannot check (the item was removed meanwhile) is refused by the server.
        await page.route('**/api/apps/live_chats/blocklist/items', (route) => route.continue({ postData: JSON.stringify({ ...JSON.parse(route.request().postData()!), lines: ['no-such-id'] }) }));
        await page.getByRole('button', { name: 'Create' }).click();
        expect(await fieldError(page, 'lines')).toBe('No item no-such-id.');
        await page.context().close();
    });
});

async function expectUrl(page: Page, path: string): Promise<void> {
    await page.waitForURL((url) => url.pathname === path);
}

async function fieldError(page: Page, field: string): Promise<string | null> {
    const error = page.locator(`[data-field="${field}"] .field-error`);
    await error.waitFor();
    return error.textContent();
}

async function rowNames(page: Page): Promise<string[]> {
    await page.locator('table.items tbody tr').first().waitFor();
    return page.locator('table.items tbody tr td:first-child').allTextContents();
}
