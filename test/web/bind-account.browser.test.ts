/**
 * Bind account in Chromium: with an account app set on the live chat, an operator finds an
 * item of another extension's app from the session panel, binds the session's client to it
 * and unbinds it again; the item's name is shown as text.
 */
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { eventually, rows } from '../live-chats/support/live-chat';
import { useBrowserLiveChat } from '../support/browser';

jest.setTimeout(60_000);

const crm = fixtureManifest({
    id: 'crm', name: 'CRM', namespace: 'crm', groups: [{ code: 'sales', name: 'Sales' }],
    apps: [{
        code: 'contacts', name: 'Contacts',
        fields: [{ code: 'chats', name: 'Live chat clients', type: 'SYS_COLLECTION', app: 'live_chats.clients', multiple: true }],
        permissions: { read: ['sales'], update: ['sales'], create: ['sales'] },
    }],
});
const hostileName = 'Alice <b>Contact</b>';

describe('bind account from the session panel', () => {
    // The account app's extension is there before the live chat names it.
    const b = useBrowserLiveChat({ account_app: 'crm.contacts' }, async (t) => { await t.host.extensions.install(fixturePackage(crm)); });

    beforeAll(async () => {
        const operator1 = (await b.t.host.store.system.users.byLogin('operator1'))!;
        await b.t.host.store.system.users.setGroups(operator1.id, ['operators', 'sales']);
        await b.t.request({ method: 'POST', url: '/api/apps/crm/contacts/items', cookie: b.api.admin, body: { __name: hostileName } });
    });

    it('finds, binds and unbinds an item of the account app', async () => {
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'w-1', user: 'walt', text: 'Hi' });
        await b.t.host.idle();
        const session = await eventually(async () => (await rows(b.t, b.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-walt'));
        await b.api.setStatus('operator1', 'online');
        expect((await b.api.call('operator1', 'take', { sessionId: session.__id as string })).statusCode).toBe(200);

        const page = await b.open('operator1');
        await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Support' }).click();
        await page.locator('[data-widget-ready]').first().waitFor();
        await page.goto(`${new URL(page.url()).pathname}?line=${b.chat.lineId}&view=mine&session=${session.__id as string}`);
        const panel = page.getByRole('region', { name: 'Bound account' });
        await panel.getByLabel('Bind to').fill('alice');
        await panel.getByRole('button', { name: 'Find' }).click();
        await panel.getByRole('button', { name: hostileName }).click();
        await panel.locator('[data-fact="account"]').getByText(hostileName).waitFor();
        expect(await page.locator('.lc-account b').count()).toBe(0);
        const client = (await rows(b.t, b.api.admin, 'clients')).find((c) => c.external_user_id === 'walt')!;
        expect(client.account).toMatchObject({ app: 'crm.contacts', name: hostileName });

        await panel.getByRole('button', { name: 'Unbind' }).click();
        await panel.locator('[data-fact="account"]').waitFor({ state: 'detached' });
        expect((await rows(b.t, b.api.admin, 'clients')).find((c) => c.external_user_id === 'walt')!.account).toBeNull();
    });
});
