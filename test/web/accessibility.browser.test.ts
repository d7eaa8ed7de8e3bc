/**
 * axe-core in the browser on the pages people work in: the desk (idle and with a session
 * open, the shortcuts help), the Messages workspace, a list, a form and a report. No serious
 * or critical violation may be found.
 */
import type { Page } from 'playwright-core';
import { expectAccessible, useBrowserLiveChat } from '../support/browser';

jest.setTimeout(90_000);

describe('accessibility (axe-core)', () => {
    const b = useBrowserLiveChat();

    beforeAll(async () => {
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'a-1', user: 'ada', text: 'Hello there', chatName: 'Ada' });
    });

    async function openDesk(login: string): Promise<Page> {
        const page = await b.open(login);
        await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Support' }).click();
        await page.locator('.lc-desk-counters').waitFor();
        return page;
    }

    it('finds nothing serious on the desk, idle, with a session open and with the shortcuts open', async () => {
        const page = await openDesk('supervisor');
        await page.locator('.lc-idle').waitFor();
        await expectAccessible(page);
        await page.getByRole('button', { name: /Ada via Bridge/ }).click();
        await page.locator('.lc-thread-log').getByText('Hello there').waitFor();
        await expectAccessible(page);
        await page.getByRole('button', { name: /Shortcuts/ }).click();
        await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
        await expectAccessible(page);
        await page.close();
    });

    it('finds nothing serious in the Messages workspace', async () => {
        const page = await b.open('employee');
        await page.getByRole('link', { name: 'Messages' }).click();
        await page.locator('[data-widget-ready]').waitFor();
        await expectAccessible(page);
        await page.close();
    });

    it('finds nothing serious on a list, a form and the reports', async () => {
        const page = await b.open('admin');
        for (const path of ['/apps/live_chats/blocklist', '/apps/live_chats/blocklist/new', '/apps/live_chats/sessions']) {
            await page.goto(path);
            await page.locator('#main h1, #main h2').first().waitFor();
            await expectAccessible(page);
        }
        await page.close();
        const supervisor = await b.open('supervisor');
        await supervisor.getByRole('link', { name: "Operators' Performance" }).click();
        // With no closed sessions yet the report says so instead of drawing a chart.
        await supervisor.locator('.report-empty, figure.report-chart').first().waitFor();
        await expectAccessible(supervisor);
        await supervisor.close();
    });
});
