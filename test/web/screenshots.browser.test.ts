/**
 * Refreshes the README's screenshots of the desk and the Messages workspace
 * (docs/screenshots). Runs only when asked: `SCREENSHOTS=1 npx jest test/web/screenshots`.
 */
import { apiFor, createLiveChat } from '../live-chats/support/live-chat';
import { startFakeMessenger } from '../live-chats/support/fake-messenger';
import { startBrowserHost } from '../support/browser';

const run = process.env.SCREENSHOTS ? it : it.skip;
jest.setTimeout(120_000);

describe('README screenshots', () => {
    run('shows the desk of an operator and a supervisor, and the Messages workspace', async () => {
        const b = await startBrowserHost();
        const messenger = await startFakeMessenger();
        try {
            const api = await apiFor(b.t);
            const chat = await createLiveChat(b.t, api, messenger);
            await api.setStatus('operator1', 'online');
            const rules = [{ name: 'Welcome', activity: { kind: 'invite_all' }, actions: [{ kind: 'auto_reply', template: 'Hello {{client_name}}, an operator will answer soon' }] }];
            await api.call('admin', 'set_routing_rules', { lineId: chat.lineId, rules });
            await api.clientWrites(chat.otherChannelId, { id: 's-1', user: 'alice', text: 'My parcel is late, order 1042', chatName: 'Alice Martin' });
            await api.clientWrites(chat.otherChannelId, { id: 's-2', user: 'bob', text: 'Can I change the delivery address?', chatName: 'Bob Stone' });
            await api.clientWrites(chat.otherChannelId, { id: 's-3', user: 'bob', text: 'It is for tomorrow', chatName: 'Bob Stone' });
            const employee = await b.open('employee');
            await employee.getByRole('link', { name: 'Messages' }).click();
            await employee.locator('[data-widget-ready]').waitFor();
            await employee.getByLabel('Search').fill('~sup');
            await employee.getByRole('listbox', { name: 'Live chats you can write to' }).getByRole('button', { name: 'Support' }).click();
            await employee.getByLabel('Message to Support').fill('The printer on floor 2 is jammed');
            await employee.getByLabel('Message to Support').press('Control+Enter');

            const op = await b.open('operator1', { width: 1400, height: 860 });
            await op.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Support' }).click();
            await op.locator('.lc-desk-counters').waitFor();
            await op.getByRole('button', { name: /Alice Martin via Bridge/ }).click();
            await op.getByRole('button', { name: 'Start work' }).click();
            await op.locator('[data-fact="operator"]').getByText('Olga Operator').waitFor();
            await op.getByLabel('Reply', { exact: true }).fill('Sorry about that, Alice: it ships today.');
            await op.getByLabel('Reply', { exact: true }).press('Control+Enter');
            await op.locator('.lc-message--operator').getByText('Delivered').waitFor();
            await op.getByRole('button', { name: 'Queue' }).first().click().catch(() => undefined);
            await op.locator('.lc-group[data-group="queue"]').click();
            await op.waitForTimeout(500);
            await op.screenshot({ path: 'docs/screenshots/desk-operator.png' });

            await employee.locator('.lc-message--operator').waitFor({ timeout: 5_000 }).catch(() => undefined);
            await employee.screenshot({ path: 'docs/screenshots/messages-employee.png' });

            const sup = await b.open('supervisor', { width: 1400, height: 860 });
            await sup.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Support' }).click();
            await sup.locator('.lc-idle').waitFor();
            await sup.waitForTimeout(500);
            await sup.screenshot({ path: 'docs/screenshots/desk-supervisor.png' });
        } finally {
            await messenger.close();
            await b.close();
        }
    });
});
