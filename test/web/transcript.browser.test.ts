/**
 * The desk's session panel links to the session's transcript: following it saves an HTML
 * file of the conversation, the client's text escaped.
 */
import fs from 'node:fs';
import { apiFor, createLiveChat, type Api, type LiveChat } from '../live-chats/support/live-chat';
import { startFakeMessenger, type FakeMessenger } from '../live-chats/support/fake-messenger';
import { startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(60_000);

describe('transcript from the desk', () => {
    let b: BrowserHost;
    let api: Api;
    let chat: LiveChat;
    let messenger: FakeMessenger;

    beforeAll(async () => {
        b = await startBrowserHost();
        api = await apiFor(b.t);
        messenger = await startFakeMessenger();
        chat = await createLiveChat(b.t, api, messenger);
        const written = await api.clientWrites(chat.otherChannelId, { id: 'tr-1', user: 'u-desk', text: 'My <i>order</i> is late', chatName: 'Dora' });
        expect(written.statusCode).toBe(200);
        await b.t.host.idle();
    });
    afterAll(async () => {
        await messenger.close();
        await b.close();
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
