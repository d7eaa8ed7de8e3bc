/**
 * The report pages in a real browser: a supervisor opens Operators' Performance and sees
 * the closed session as a labelled bar, then as a table; an operator has no
 * Reports pages at all.
 */
import { startBrowserHost, type BrowserHost } from '../support/browser';
import { startFakeMessenger, type FakeMessenger } from '../live-chats/support/fake-messenger';
import { apiFor, createLiveChat, rows } from '../live-chats/support/live-chat';

describe('report pages', () => {
    let b: BrowserHost;
    let messenger: FakeMessenger;
    beforeAll(async () => {
        b = await startBrowserHost();
        messenger = await startFakeMessenger();
        const api = await apiFor(b.t);
        const chat = await createLiveChat(b.t, api, messenger);
        await api.setStatus('operator1', 'online');
        await api.clientWrites(chat.otherChannelId, { id: 'br-1', user: 'ben', text: 'Hello <script>alert(1)</script>' });
        const sessionId = (await rows(b.t, api.admin, 'sessions'))[0].__id as string;
        await api.call('operator1', 'take', { sessionId });
        await api.call('operator1', 'reply', { sessionId, text: 'Hi Ben' });
        await api.call('operator1', 'close', { sessionId });
        await b.t.host.idle();
    });
    afterAll(async () => {
        await b.close();
        await messenger.close();
    });

    it("shows Operators' Performance to a supervisor as a chart and as a table", async () => {
        const page = await b.open('supervisor');
        await page.getByRole('link', { name: "Operators' Performance" }).click();
        await page.locator('figure.report-chart').filter({ hasText: 'Response time by Operator' }).waitFor();
        await page.locator('.report-bars li').filter({ hasText: 'Olga Operator' }).waitFor();
        await page.getByLabel('Metric').selectOption('requests');
        await page.getByLabel('Show').selectOption('table');
        await page.getByRole('button', { name: 'Show report' }).click();
        const row = page.locator('.report-table tbody tr').first();
        await row.getByText('Olga Operator').waitFor();
        expect(await row.locator('td').nth(2).textContent()).toBe('1');
        await page.context().close();
    });

    it('offers no report pages to an operator', async () => {
        const page = await b.open('operator1');
        await page.getByRole('link', { name: 'Articles' }).waitFor();
        expect(await page.getByRole('link', { name: "Operators' Performance" }).count()).toBe(0);
        await page.context().close();
    });
});
