/**
 * Response templates in Chromium (SPEC §7): an operator answering a messenger client types
 * `/ord` in the reply, chooses the template from the keyboard, answers its question, sees
 * what could not be filled, edits the text and sends it, and the messenger receives it; an
 * article is found by keyword through the picker's search and inserted with its link.
 */
import { useBrowserLiveChat } from '../support/browser';

jest.setTimeout(60_000);

describe('templates and articles in the desk composer', () => {
    const b = useBrowserLiveChat();

    beforeAll(async () => {
        const create = async (app: string, body: object) => {
            const res = await b.t.request({ method: 'POST', url: `/api/apps/live_chats/${app}/items`, cookie: b.api.cookies.supervisor, body });
            if (res.statusCode !== 201) throw new Error(res.body);
        };
        await create('templates', {
            __name: 'Order status', short_code: 'order', folder: 'Orders',
            text: 'Hello {{client_name}}, order {{ask "Order number"}} ships today. Mail: {{client_email}}',
        });
        await create('templates', { __name: 'Greeting', short_code: 'greet', text: 'Hi {{client_name}}, {{operator_name}} here.' });
        await create('articles', { __name: 'Returns policy', description: 'Return any item within 30 days.', link: 'https://help.example.com/returns' });
    });

    it('inserts a template with a question by short code and sends the edited text to the messenger', async () => {
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'r-1', user: 'rita', text: 'Where is my parcel?', chatName: 'Rita <b>R</b>' });
        const op = await b.open('operator1');
        await op.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Support' }).click();
        await op.locator('.lc-desk-counters').waitFor();
        await op.getByLabel('My status').selectOption('online');
        await op.getByText('You are Online', { exact: true }).first().waitFor();
        await op.getByRole('button', { name: /via Bridge/ }).click();
        await op.getByRole('button', { name: 'Start work' }).click();
        await op.locator('[data-fact="operator"]').getByText('Olga Operator').waitFor();

        const reply = op.getByLabel('Reply', { exact: true });
        await reply.click();
        await reply.pressSequentially('/ord');
        const list = op.getByRole('listbox', { name: 'Templates and articles' });
        await list.getByRole('option', { name: /Order status/ }).waitFor();
        await reply.press('Enter');
        const question = op.getByLabel('Order number');
        await question.waitFor();
        await expect(question.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
        await question.fill('A-17');
        await question.press('Enter');
        await op.getByRole('alert').getByText("{{client_email}} is empty: the client's e-mail is not known").waitFor();
        expect(await reply.inputValue()).toBe('Hello Rita <b>R</b>, order A-17 ships today. Mail:');
        await expect(reply.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

        await reply.press('End');
        await reply.press('Backspace');
        await reply.press('Backspace');
        await reply.press('Backspace');
        await reply.press('Backspace');
        await reply.press('Backspace');
        await reply.pressSequentially('Thanks!');
        await reply.press('Control+Enter');
        const sent = await b.messenger.waitFor((r) => r.type === 'message' && String(r.data?.text ?? '').includes('A-17'));
        expect(sent.data?.text).toBe('Hello Rita <b>R</b>, order A-17 ships today. Thanks!');
        await op.locator('.lc-thread-log').getByText('Hello Rita <b>R</b>, order A-17 ships today. Thanks!').waitFor();
        expect(await op.getByRole('alert').filter({ hasText: 'Check before sending' }).count()).toBe(0);

        await op.getByRole('button', { name: 'Templates and articles' }).click();
        const search = op.getByRole('combobox', { name: 'Search templates and articles' });
        await search.pressSequentially('returns');
        await list.getByRole('option', { name: /Returns policy/ }).waitFor();
        await op.waitForFunction(() => document.querySelectorAll('.lc-responses-list [role="option"][data-index]').length === 1);
        await search.press('Enter');
        expect(await reply.inputValue()).toBe('Return any item within 30 days.\nhttps://help.example.com/returns');
        expect(b.pageErrors).toEqual([]);
    });

    it('offers templates to staff writing from the Messages workspace', async () => {
        const patched = await b.t.request({
            method: 'PATCH', url: `/api/apps/live_chats/lines/items/${b.chat.lineId}`, cookie: b.api.admin,
            body: { internal_customer_groups: ['employees', 'supervisors'] },
        });
        expect(patched.statusCode).toBe(200);
        const sup = await b.open('supervisor');
        await sup.getByRole('link', { name: 'Messages' }).click();
        const message = sup.getByLabel('Message to Support');
        await message.waitFor();
        await message.click();
        await message.pressSequentially('/gre');
        await sup.getByRole('listbox', { name: 'Templates and articles' }).getByRole('option', { name: /Greeting/ }).waitFor();
        await message.press('Enter');
        await soonValue(() => message.inputValue(), 'Hi Sam Supervisor, Sam Supervisor here.');
        await message.press('Control+Enter');
        await sup.locator('.lc-thread-log').getByText('Hi Sam Supervisor, Sam Supervisor here.').waitFor();

        const employee = await b.open('employee');
        await employee.getByRole('link', { name: 'Messages' }).click();
        await employee.locator('[data-widget-ready]').waitFor();
        await employee.getByLabel('Message to Support').waitFor();
        expect(await employee.getByRole('button', { name: 'Templates and articles' }).count()).toBe(0);
        expect(b.pageErrors).toEqual([]);
    });
});

async function soonValue(probe: () => Promise<string>, want: string): Promise<void> {
    const until = Date.now() + 5_000;
    let value = await probe();
    while (value !== want && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        value = await probe();
    }
    expect(value).toBe(want);
}
