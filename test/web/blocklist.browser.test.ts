/**
 * The Blocklist app in Chromium through the host's generic views (SPEC §5): the form marks
 * the rule that does not fit its type, the list shows type, rule, value, expiry ("Indefinitely"
 * when none) and live chats, with search, filters and the deleted entries.
 */
import type { Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(60_000);

describe('the Blocklist app', () => {
    let b: BrowserHost;
    beforeAll(async () => { b = await startBrowserHost(); });
    afterAll(() => b.close());

    /** The list is drawn after the address changes: wait for the row to leave. */
    const rowGone = (page: Page, name: string) => page.locator('table.items tbody tr', { hasText: name }).waitFor({ state: 'detached' });

    async function createEntry(page: Page, values: { name: string; list: string; type: string; operator: string; value: string }): Promise<void> {
        await page.goto('/apps/live_chats/blocklist/new');
        await page.getByLabel('Name').fill(values.name);
        await page.getByLabel('List type').selectOption(values.list);
        await page.getByLabel('Rule type').selectOption(values.type);
        await page.getByLabel('Rule operator').selectOption(values.operator);
        await page.getByLabel('Value').fill(values.value);
        await page.getByLabel('All live chats').check();
        await page.getByRole('button', { name: 'Create' }).click();
    }

    it('marks a rule that does not fit its type, then lists, finds, filters and shows deleted entries', async () => {
        const page = await b.open('supervisor');
        await createEntry(page, { name: 'UK numbers', list: 'blocklist', type: 'phone', operator: 'contains', value: '+44' });
        const error = page.locator('[data-field="rule_operator"] .field-error');
        await error.waitFor();
        expect(await error.textContent()).toContain('does not fit a Phone rule');
        await page.getByLabel('Rule operator').selectOption('starts_with');
        await page.getByRole('button', { name: 'Create' }).click();
        await page.waitForURL(/\/items\//);
        await createEntry(page, { name: 'Our partner', list: 'allowlist', type: 'email', operator: 'ends_with', value: '@partner.example' });
        await page.waitForURL(/\/items\//);

        await page.goto('/apps/live_chats/blocklist');
        await page.locator('table.items tbody tr').first().waitFor();
        const headers = await page.locator('table.items thead th').allTextContents();
        expect(headers.map((h) => h.trim())).toEqual(expect.arrayContaining(['List type', 'Rule type', 'Rule operator', 'Value', 'Until', 'All live chats', 'Live chats']));
        const uk = page.locator('table.items tbody tr', { hasText: 'UK numbers' });
        expect(await uk.locator('td[data-label="Until"]').textContent()).toBe('Indefinitely');
        expect(await uk.locator('td[data-label="Rule operator"]').textContent()).toBe('starts with');

        await page.getByLabel('List type').selectOption('allowlist');
        await page.getByRole('button', { name: 'Apply' }).click();
        await page.waitForURL(/f\.list_type=allowlist/);
        await rowGone(page, 'UK numbers');
        expect(await page.locator('table.items tbody tr td:first-child').allTextContents()).toEqual(['Our partner']);

        await page.getByLabel('List type').selectOption('');
        await page.getByLabel('Search').fill('partner.example');
        await page.getByRole('button', { name: 'Apply' }).click();
        await page.waitForURL(/q=partner/);
        await rowGone(page, 'UK numbers');
        expect(await page.locator('table.items tbody tr td:first-child').allTextContents()).toEqual(['Our partner']);

        await page.getByRole('link', { name: 'Our partner' }).click();
        await page.getByRole('button', { name: 'Delete' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
        await page.waitForURL(/\/apps\/live_chats\/blocklist$/);
        await page.getByLabel('Deleted items').check();
        await page.getByRole('button', { name: 'Apply' }).click();
        await page.waitForURL(/deleted=true/);
        await page.locator('table.items tbody tr', { hasText: 'Our partner' }).waitFor();
        await rowGone(page, 'UK numbers');
        expect(await page.locator('table.items tbody tr td:first-child').allTextContents()).toEqual(['Our partner']);
        await page.context().close();
    });
});
