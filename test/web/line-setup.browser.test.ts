/**
 * A live chat's setup page in Chromium: the administrator picks groups from the host's
 * groups, a time zone and a naming template whose preview follows the typing, declares a
 * custom session property, switches a channel off and on again; the operator then fills
 * the property in on the session page.
 */
import type { Page } from 'playwright-core';
import { eventually, rows } from '../live-chats/support/live-chat';
import { expectAccessible, useBrowserLiveChat } from '../support/browser';

jest.setTimeout(60_000);

describe('live chat setup in the browser', () => {
    const b = useBrowserLiveChat();


    const line = async () => (await rows(b.t, b.api.admin, 'lines')).find((l) => l.__id === b.chat.lineId)!;

    it('sets up groups, time zone, naming template with a preview and a custom property, and reconnects a channel', async () => {
        const page = await b.open('admin');
        await page.getByRole('link', { name: 'Live chat setup', exact: true }).click();
        await page.getByLabel('Live chat', { exact: true }).selectOption({ label: 'Support' });
        await page.getByRole('form', { name: 'Setup of Support' }).waitFor();
        await page.locator('#lsu-reader_groups-employees').check();
        await page.getByLabel('Time zone').selectOption('Europe/Berlin');
        await page.getByLabel('Session naming template').fill('{{line_name}} — {{client_name}}');
        await page.locator('#lsu-preview').getByText('Support — Jane Doe').waitFor();
        await page.getByRole('button', { name: 'Add property' }).click();
        await page.getByLabel('Code').fill('order_no');
        await page.getByLabel('Name', { exact: true }).fill('Order number');
        await page.getByLabel('Type').selectOption('string');
        await expectAccessible(page);
        await page.getByRole('button', { name: 'Save', exact: true }).click();
        await page.getByText('Live chat saved').waitFor();
        const saved = await line();
        expect(saved.time_zone).toBe('Europe/Berlin');
        expect([...(saved.reader_groups as string[])].sort()).toEqual(['employees', 'readers']);
        expect(saved.naming_template).toBe('{{line_name}} — {{client_name}}');
        expect(saved.custom_properties).toEqual([{ code: 'order_no', name: 'Order number', type: 'string' }]);

        const row = page.locator(`tr[data-channel="${b.chat.otherChannelId}"]`);
        await row.getByRole('button', { name: 'Switch off' }).click();
        await row.locator('[data-state]').getByText('disconnected').waitFor();
        await b.messenger.waitFor((r) => r.type === 'disconnect');
        const connects = b.messenger.ofType('connect').length;
        await row.getByRole('button', { name: 'Switch on' }).click();
        await row.locator('[data-state]').getByText('active').waitFor();
        expect(b.messenger.ofType('connect').length).toBe(connects + 1);
        await row.getByRole('button', { name: 'Reconnect' }).click();
        // Switching on showed the same toast, which may still be up: wait for the messenger instead.
        await eventually(async () => b.messenger.ofType('connect').length > connects + 1);
        expect(b.messenger.ofType('connect').length).toBe(connects + 2);
        await expectAccessible(page);
    });

    it('lets the operator fill the custom property in on the session page', async () => {
        await b.api.setStatus('operator1', 'online');
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'p-1', user: 'bob', text: 'Where is my order?' });
        await b.t.host.idle();
        const session = await eventually(async () => (await rows(b.t, b.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-bob'));
        expect(session.__name).toBe('Support — bob');
        expect((await b.api.call('operator1', 'take', { sessionId: session.__id })).statusCode).toBe(200);

        const page: Page = await b.open('operator1');
        await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Support' }).click();
        await page.locator('[data-widget-ready]').first().waitFor();
        await page.goto(`${new URL(page.url()).pathname}?line=${b.chat.lineId}&view=mine&session=${session.__id as string}`);
        const field = page.getByLabel('Order number');
        await field.fill('A-17');
        await field.press('Tab');
        await page.getByText('Order number saved').waitFor();
        await eventually(async () => ((await rows(b.t, b.api.admin, 'sessions')).find((s) => s.__id === session.__id)!.custom_properties as Record<string, unknown> | null)?.order_no === 'A-17');
        await expectAccessible(page, '.lc-properties');
    });
});
