/**
 * The list page's export in Chromium: the dialog's options, a progress bar that follows the
 * rows written, and a file the browser saves, with what the options asked for.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { parseCsv } from '../support/csv';
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startBrowserHost, type BrowserHost } from '../support/browser';

const manifest = fixtureManifest({
    groups: [{ code: 'staff', name: 'Staff' }],
    apps: [{
        code: 'tickets', name: 'Tickets',
        fields: [
            { code: 'owner', name: 'Owner', type: 'SYS_USER', list: true },
            { code: 'level', name: 'Level', type: 'ENUM', list: true, options: [{ code: 'low', name: 'Low' }, { code: 'high', name: 'High' }] },
        ],
        permissions: { read: ['staff'] },
    }],
});

const COUNT = 2400;

/** Every text the progress line shows, recorded in the page as it changes. */
async function recordProgress(page: Page): Promise<void> {
    await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { progressSeen: string[] }).progressSeen = seen;
        new MutationObserver(() => {
            const text = document.querySelector('#export-count')?.textContent;
            if (text && seen[seen.length - 1] !== text) seen.push(text);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
}

describe('web shell: export from a list', () => {
    let b: BrowserHost;
    let ownerId: string;
    beforeAll(async () => {
        b = await startBrowserHost({ packageFile: null });
        await b.t.host.extensions.install(fixturePackage(manifest));
        const users = b.t.host.store.system.users;
        ownerId = (await users.byLogin('operator1'))!.id;
        await users.setGroups((await users.byLogin('reader'))!.id, ['staff']);
        await b.t.host.store.transaction(async () => {
            for (let i = 0; i < COUNT; i++) await b.t.host.items.create('fixture.tickets', { __name: `Ticket ${i}`, owner: ownerId, level: i % 3 ? 'low' : 'high' }, null);
        });
    });
    afterAll(() => b.close());

    it('downloads only the filtered rows as CSV with names, showing progress up to the total', async () => {
        const page = await b.open('admin');
        await page.goto('/apps/fixture/tickets?f.level=high');
        await page.getByRole('heading', { name: 'Tickets' }).waitFor();
        await recordProgress(page);
        await page.getByRole('button', { name: 'Export' }).click();
        const dialog = page.getByRole('dialog', { name: 'Export Tickets' });
        await dialog.getByLabel('CSV (.csv)').check();
        expect(await dialog.getByLabel('Only the filtered rows').isChecked()).toBe(true);
        expect(await dialog.getByLabel('Names instead of ids').isChecked()).toBe(true);
        const downloading = page.waitForEvent('download');
        await dialog.getByRole('button', { name: 'Export' }).click();
        const download = await downloading;
        expect(download.suggestedFilename()).toMatch(/^tickets-\d{4}-\d\d-\d\d\.csv$/);
        const table = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
        const high = COUNT / 3;
        expect(table).toHaveLength(high + 1);
        expect(table[0].slice(0, 3)).toEqual(['Name', 'Owner', 'Level']);
        expect(new Set(table.slice(1).map((r) => `${r[1]}|${r[2]}`))).toEqual(new Set(['Olga Operator|High']));

        const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
        expect(seen[seen.length - 1]).toBe(`${high} of ${high} rows`);
        await page.getByText(`Exported ${high} rows`).waitFor();
        await page.locator('#export-progress').waitFor({ state: 'hidden' });
        await page.context().close();
    });

    it('downloads every row as XLSX, with the bar moving through the pages as they are written', async () => {
        const page = await b.open('admin');
        await page.goto('/apps/fixture/tickets');
        await page.getByRole('heading', { name: 'Tickets' }).waitFor();
        await recordProgress(page);
        await page.getByRole('button', { name: 'Export' }).click();
        const dialog = page.getByRole('dialog', { name: 'Export Tickets' });
        expect(await dialog.getByLabel('Excel (.xlsx)').isChecked()).toBe(true);
        const downloading = page.waitForEvent('download');
        await dialog.getByRole('button', { name: 'Export' }).click();
        const download = await downloading;
        expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
        expect(fs.readFileSync((await download.path())!).subarray(0, 2).toString()).toBe('PK');
        const total = COUNT.toLocaleString('en');
        const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
        // The first page is pushed as soon as it is written, before the body ends.
        expect(seen).toContain(`200 of ${total} rows`);
        expect(seen[seen.length - 1]).toBe(`${total} of ${total} rows`);
        await page.context().close();
    });

    it('shows no Export button to a user the app does not let export', async () => {
        const page = await b.open('reader');
        await page.goto('/apps/fixture/tickets');
        await page.getByRole('heading', { name: 'Tickets' }).waitFor();
        expect(await page.getByRole('button', { name: 'Export' }).count()).toBe(0);
        await page.context().close();
    });
});
