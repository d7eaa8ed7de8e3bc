/**
 * The desk's session panel links to the session's transcript: following it saves an HTML
 * file of the conversation, the client's text escaped.
 */
import fs from 'node:fs';
import { useBrowserLiveChat } from '../support/browser';

jest.setTimeout(60_000);

describe('transcript from the desk', () => {
    const b = useBrowserLiveChat();

    beforeAll(async () => {
        const written = await b.api.clientWrites(b.chat.otherChannelId, { id: 'tr-1', user: 'u-desk', text: 'My <i>order</i> is late', chatName: 'Dora' });
        expect(written.statusCode).toBe(200);
        await b.t.host.idle();
    });

    it('downloads the open session\'s transcript from the session panel', async () => {
        const page = await b.open('supervisor');
        await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Support' }).click();
        await page.locator('[data-widget-ready]').first().waitFor();
        await page.locator('.lc-group[data-group="queue"]').click();
        await page.locator('.lc-session').first().click();
        const link = page.getByRole('link', { name: 'Download transcript' });
        await link.waitFor();
        const downloading = page.waitForEvent('download');
        await link.click();
        const download = await downloading;
        expect(download.suggestedFilename()).toMatch(/transcript\.html$/);
        const html = fs.readFileSync((await download.path())!, 'utf8');
        expect(html).toContain('My &lt;i&gt;order&lt;/i&gt; is late');
        await page.context().close();
    });
});
