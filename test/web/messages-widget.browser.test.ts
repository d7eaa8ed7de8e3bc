/**
 * The Live Chat Messages widget in Chromium on the demo contact's form (SPEC §10): the
 * reader reads Alice's conversation, earlier one above, with no composer; operator1, once
 * Online with the session assigned, replies from the same widget; the reply reaches the
 * messenger and appears live on the reader's open form. The operator attaches a file from the
 * keyboard as on the desk; axe-core finds nothing serious in either view.
 */
import { startFakeMessenger, type FakeMessenger } from '../live-chats/support/fake-messenger';
import { expectAccessible, startBrowserHost, type BrowserHost } from '../support/browser';

const extension = (path: string) => `/api/extensions/live_chats/${path}`;

describe('web shell: Live Chat Messages widget on a contact form', () => {
    let b: BrowserHost;
    let messenger: FakeMessenger;
    let contactPath: string;

    beforeAll(async () => {
        messenger = await startFakeMessenger();
        b = await startBrowserHost({ demoSetupEnv: { DEMO_MESSENGER_URL: messenger.url, DEMO_MESSENGER_TOKEN: 'demo' } });
        const admin = await b.t.login('admin');
        const contacts = (await b.t.request({ method: 'GET', url: '/api/apps/live_chats/contacts/items', cookie: admin })).json().items as { __id: string; __name: string }[];
        contactPath = `/apps/live_chats/contacts/items/${contacts.find((c) => c.__name === 'Alice Example')!.__id}`;
    });
    afterAll(async () => {
        await b.close();
        await messenger.close();
    });

    it('lets the reader read the conversation but not write, and operator1 reply from the same widget', async () => {
        const reader = await b.open('reader');
        await reader.goto(contactPath);
        const widget = reader.locator('.widget-box');
        const thread = widget.getByRole('log', { name: 'Conversation' });
        await thread.getByText('Hello again: the parcel arrived, but the mug inside is broken <sad>.').waitFor();
        await thread.getByText('Hi! Where is my order #1001? It was due yesterday.').waitFor();
        expect(await widget.getByRole('heading', { level: 2, name: /Alice Example · broken mug/ }).textContent()).toContain('read only');
        await widget.getByText('You can read this conversation but not reply.').waitFor();
        expect(await widget.getByRole('textbox').count()).toBe(0);
        expect(await widget.getByRole('button', { name: /New session/ }).count()).toBe(0);
        await widget.getByRole('button', { name: 'Archive (1)' }).click();
        await widget.getByRole('button', { name: /Alice Example · order #1001/ }).waitFor();
        await widget.getByRole('button', { name: 'Active (1)' }).click();
        await expectAccessible(reader);
        if (process.env.UPDATE_SCREENSHOTS) await reader.screenshot({ path: 'docs/screenshots/live-chat-messages-reader.png', fullPage: true });

        // operator1 goes Online and takes the waiting session, as from the desk.
        const op = await b.t.login('operator1');
        expect((await b.t.request({ method: 'POST', url: extension('set_status'), cookie: op, body: { status: 'online' } })).statusCode).toBe(200);
        const [session] = (await b.t.request({ method: 'GET', url: `${extension('sessions')}?${new URLSearchParams({ lineId: await lineId(), view: 'queue' })}`, cookie: op })).json().sessions as { id: string }[];
        expect((await b.t.request({ method: 'POST', url: extension('take'), cookie: op, body: { sessionId: session.id } })).statusCode).toBe(200);

        const operator = await b.open('operator1');
        await operator.goto(contactPath);
        const composer = operator.locator('.widget-box').getByRole('form', { name: 'Reply' });
        const reply = composer.getByRole('textbox', { name: 'Reply' });
        await reply.fill('We will send you a new mug today');
        // The file picker is the next stop from the reply, by its label; picking a file keeps what is typed.
        await reply.press('Tab');
        const picker = composer.getByLabel('Attach files');
        expect(await picker.evaluate((input) => input === document.activeElement && (input as HTMLInputElement).type === 'file')).toBe(true);
        await picker.setInputFiles({ name: 'label.txt', mimeType: 'text/plain', buffer: Buffer.from('Return label for order #1001') });
        await composer.getByRole('button', { name: 'Remove label.txt' }).waitFor();
        expect(await reply.inputValue()).toBe('We will send you a new mug today');
        await expectAccessible(operator);
        await composer.getByRole('button', { name: 'Send' }).click();
        await operator.locator('.notice').getByText('Reply sent').waitFor();
        const sent = await messenger.waitFor((r) => r.type === 'message' && r.data?.text === 'Olga Operator: We will send you a new mug today');
        expect(sent.data?.targetChatId).toBe('chat-alice-demo');
        expect(sent.data?.files).toEqual([expect.objectContaining({ name: 'label.txt' })]);
        await thread.getByText('We will send you a new mug today').waitFor();
        await thread.getByRole('link', { name: 'label.txt' }).waitFor();
        expect(await composer.getByRole('button', { name: 'Remove label.txt' }).count()).toBe(0);
        expect(await reply.inputValue()).toBe('');
        await reader.context().close();
        await operator.context().close();
    });

    async function lineId(): Promise<string> {
        const admin = await b.t.login('admin');
        return ((await b.t.request({ method: 'GET', url: '/api/apps/live_chats/lines/items', cookie: admin })).json().items as { __id: string }[])[0].__id;
    }
});
