/**
 * The report pages in a real browser: a supervisor opens Operators' Performance and sees
 * the closed session on a bar chart with its legend, then a pie and a line chart, then the
 * table filtered by operator group; Live Chat Performance is the same widget placed with
 * other settings; an operator has no Reports pages at all.
 */
import type { Page } from 'playwright-core';
import { useBrowserLiveChat } from '../support/browser';
import { rows } from '../live-chats/support/live-chat';

/** Whether anything is painted on the report's canvas. */
const painted = (page: Page) => page.locator('.report-chart canvas').evaluate((c: HTMLCanvasElement) => {
    const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return c.width > 0 && pixels.some((v, i) => i % 4 === 3 && v > 0);
});

describe('report pages', () => {
    const b = useBrowserLiveChat();
    beforeAll(async () => {
        const { api, chat } = b;
        await api.setStatus('operator1', 'online');
        await api.clientWrites(chat.otherChannelId, { id: 'br-1', user: 'ben', text: 'Hello <script>alert(1)</script>' });
        const sessionId = (await rows(b.t, api.admin, 'sessions'))[0].__id as string;
        await api.call('operator1', 'take', { sessionId });
        await api.call('operator1', 'reply', { sessionId, text: 'Hi Ben' });
        await api.call('operator1', 'close', { sessionId });
        await b.t.host.idle();
    });

    it("shows Operators' Performance as bar, pie and line charts with a legend, and as a table filtered by group", async () => {
        const page = await b.open('supervisor');
        await page.getByRole('link', { name: "Operators' Performance" }).click();
        const canvas = page.getByRole('img', { name: /Bar chart of Response time by operator.*Legend: Olga Operator\./ });
        await canvas.waitFor();
        expect(await painted(page)).toBe(true);
        // The chart's numbers are in a table too.
        expect(await page.locator('.report-data .report-table tbody th').allTextContents()).toEqual(['Olga Operator']);
        if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/operators-report.png', fullPage: true });

        await page.getByLabel('Metric').selectOption('requests');
        await page.getByLabel('Show').selectOption('pie');
        await page.getByRole('button', { name: 'Show report' }).click();
        await page.getByRole('img', { name: /Pie chart of Processed requests by operator.*Legend: Olga Operator\./ }).waitFor();
        expect(await painted(page)).toBe(true);

        await page.getByLabel('Show').selectOption('line');
        await page.getByLabel('Breakdown').selectOption('week');
        await page.getByRole('button', { name: 'Show report' }).click();
        await page.getByRole('img', { name: /Line chart of Processed requests.*Legend: Olga Operator\./ }).waitFor();

        await page.locator('select[name=groups]').selectOption('operators');
        await page.getByLabel('Show').selectOption('table');
        await page.getByRole('button', { name: 'Show report' }).click();
        const row = page.locator('.report-table tbody tr').filter({ hasText: 'Olga Operator' });
        await row.waitFor();
        expect(await page.locator('.report-chart').count()).toBe(0);
        expect(await row.locator('td').last().textContent()).toBe('1');

        await page.locator('select[name=groups]').selectOption([]);
        await page.locator('select[name=operatorIds]').selectOption({ label: 'Oscar Operator' });
        await page.getByRole('button', { name: 'Show report' }).click();
        await page.getByText('No closed sessions in this period.').waitFor();
        await page.context().close();
    });

    it('places the same widget as Live Chat Performance, with rows per live chat', async () => {
        const page = await b.open('supervisor');
        await page.getByRole('link', { name: 'Live Chat Performance' }).click();
        await page.getByRole('img', { name: /Bar chart of First response time by live chat.*Legend: Support\./ }).waitFor();
        expect(await page.getByLabel('Rows').inputValue()).toBe('lines');
        await page.context().close();
    });

    it('offers no report pages to an operator', async () => {
        const page = await b.open('operator1');
        await page.getByRole('link', { name: 'Articles' }).waitFor();
        expect(await page.getByRole('link', { name: "Operators' Performance" }).count()).toBe(0);
        await page.context().close();
    });
});
