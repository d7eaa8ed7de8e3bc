/**
 * Secrets and script-owned fields in the generic forms, in Chromium: a channel's token
 * shows only as Set or Not set and takes a new value; a session's lifecycle fields are
 * shown read-only and the Sessions list offers no "+ Session".
 */
import { startBrowserHost, type BrowserHost } from '../support/browser';

describe('web shell: secrets and script-owned fields', () => {
    let b: BrowserHost;
    let channelId: string;
    beforeAll(async () => {
        b = await startBrowserHost();
        const line = await b.t.host.items.create('live_chats.lines', { __name: 'Sales', time_zone: 'UTC' }, null);
        channelId = (await b.t.host.items.create('live_chats.channels', { __name: 'Bridge', line: line.__id, kind: 'other', settings: { url: 'http://127.0.0.1:9/hook' }, token: 'first-token' }, null)).__id;
    });
    afterAll(() => b.close());

    it('shows a token as Set, never its value, and replaces it with what is typed', async () => {
        const page = await b.open('admin');
        await page.goto(`/apps/live_chats/channels/items/${channelId}`);
        const token = page.getByLabel('Token');
        await token.waitFor();
        expect(await token.inputValue()).toBe('');
        expect(await token.getAttribute('type')).toBe('password');
        await page.locator('[data-field="token"]').getByText('Set', { exact: true }).waitFor();
        expect(await page.content()).not.toContain('first-token');
        await token.fill('second-token');
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByText('Saved').waitFor();
        expect((await b.t.host.items.get('live_chats.channels', channelId))?.token).toBe('second-token');
        await page.context().close();
    });

    it('offers no new session and shows lifecycle fields read-only', async () => {
        const page = await b.open('admin');
        await page.goto('/apps/live_chats/sessions');
        await page.getByRole('heading', { name: 'Sessions' }).waitFor();
        expect(await page.getByRole('link', { name: /\+ Session/ }).count()).toBe(0);
        await page.goto(`/apps/live_chats/channels/items/${channelId}`);
        const state = page.locator('[data-field="state"]');
        await state.waitFor();
        expect(await state.locator('input, select, textarea').count()).toBe(0);
        await page.context().close();
    });
});
