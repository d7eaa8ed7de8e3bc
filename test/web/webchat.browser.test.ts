/**
 * The website chat on a plain page of another site, in Chromium: a visitor opens the bubble
 * and writes, an operator answers from the desk, the visitor reads the answer live; an
 * identified visitor finds the conversation again on another device; a bad signature and a
 * site the channel does not list get no chat. Text from either side is shown as text.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { apiFor, createLiveChat, eventually, rows, type Api, type LiveChat } from '../live-chats/support/live-chat';
import { startBrowserHost, type BrowserHost } from '../support/browser';

jest.setTimeout(60_000);
const SECRET = 'site-secret-1';
const hostile = '<img src=x onerror=alert(1)>';

/** A site of its own: pages with the snippet, served from an origin other than the host's. */
async function startSite(snippet: () => string): Promise<{ origin: string; close(): Promise<void> }> {
    const server = http.createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://site');
        const visitor = url.searchParams.get('user')
            ? `<script>window.BrixChat = { visitor: ${JSON.stringify({ id: url.searchParams.get('user'), name: 'Vera Visitor', email: 'vera@example.com', hash: url.searchParams.get('hash') })} };</script>`
            : '';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(`<!doctype html><html><head><title>Shop</title><style>button { background: red !important; }</style></head><body><h1>Our shop</h1>${visitor}${snippet()}</body></html>`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return {
        // "localhost" rather than 127.0.0.1: another origin than the host's, on the same machine.
        origin: `http://localhost:${(server.address() as AddressInfo).port}`,
        close: async () => {
            server.closeAllConnections();
            await new Promise((r) => server.close(r));
        },
    };
}

describe('the website chat', () => {
    let b: BrowserHost;
    let api: Api;
    let chat: LiveChat;
    let channelId: string;
    let site: Awaited<ReturnType<typeof startSite>>;
    let stranger: Awaited<ReturnType<typeof startSite>>;
    let desk: Page;

    const snippet = () => `<script src="${b.baseUrl}/webchat/${channelId}.js" async></script>`;
    const visit = async (url: string) => {
        const context = await b.browser.newContext();
        const page = await context.newPage();
        page.on('pageerror', (error) => b.pageErrors.push(error));
        await page.goto(url);
        return page;
    };
    const openChat = async (page: Page) => {
        await page.locator('button.bubble').click();
        await page.getByText('Hi there! Ask us anything.').waitFor();
    };
    const write = async (page: Page, text: string) => {
        await page.getByLabel('Your message').fill(text);
        await page.getByLabel('Your message').press('Enter');
        await page.locator('.message.visitor', { hasText: text }).locator('.meta', { hasNotText: 'sending' }).waitFor();
    };

    beforeAll(async () => {
        b = await startBrowserHost();
        api = await apiFor(b.t);
        chat = await createLiveChat(b.t, api, null, { show_operator_name: true });
        site = await startSite(() => snippet());
        stranger = await startSite(() => snippet());
        const res = await b.t.request({
            method: 'POST', url: '/api/apps/live_chats/channels/items', cookie: api.admin,
            body: { __name: 'Website', line: chat.lineId, kind: 'website', token: SECRET, settings: { allowed_origins: [site.origin], title: 'Shop support', greeting: 'Hi there! Ask us anything.' } },
        });
        channelId = res.json().__id;
        await b.t.host.idle();
        const channel = (await rows(b.t, api.admin, 'channels')).find((c) => c.__id === channelId)!;
        expect(channel).toMatchObject({ state: { code: 'active' }, last_error: null, snippet: `<script src="${b.baseUrl}/webchat/${channelId}.js" async></script>` });
        expect(channel.token).toEqual({ set: true });
        await api.setStatus('operator1', 'online');
        desk = await b.open('operator1');
        await desk.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Support' }).click();
        await desk.locator('.lc-desk-counters').waitFor();
    });
    afterAll(async () => {
        await site.close();
        await stranger.close();
        await b.close();
    });

    it('lets a visitor write from the site and read the operator’s answer live', async () => {
        const page = await visit(`${site.origin}/?utm_source=newsletter&utm_campaign=winter`);
        await openChat(page);
        await write(page, `Where is my order? ${hostile}`);

        await desk.locator('.lc-take-next').click();
        await desk.locator('.lc-thread-log').getByText(`Where is my order? ${hostile}`).waitFor();
        await desk.getByLabel('Reply', { exact: true }).fill(`It ships today ${hostile}`);
        await desk.getByLabel('Reply', { exact: true }).press('Control+Enter');
        await desk.locator('.lc-thread-log .lc-message--operator').filter({ hasText: 'It ships today' }).getByText('Delivered').waitFor();

        const answer = page.locator('.message.operator', { hasText: `It ships today ${hostile}` });
        await answer.waitFor();
        await expect(answer.locator('.name').textContent()).resolves.toBe('Olga Operator');
        expect(await page.locator('.messages img').count()).toBe(0);

        const session = await eventually(async () => (await rows(b.t, api.admin, 'sessions')).find((s) => s.channel === channelId));
        expect(session.utm).toEqual({ page: `${site.origin}/?utm_source=newsletter&utm_campaign=winter`, utm_source: 'newsletter', utm_campaign: 'winter' });

        // A file from the visitor reaches the operator.
        await page.locator('input[type=file]').setInputFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from('order 42') });
        await page.locator('.message.visitor', { hasText: 'receipt.txt' }).locator('.meta', { hasNotText: 'sending' }).waitFor();
        await desk.locator('.lc-thread-log').getByText('receipt.txt').waitFor();

        // A reload in the same visit keeps the conversation.
        await page.reload();
        await openChat(page);
        await page.locator('.message.operator', { hasText: 'It ships today' }).waitFor();
        await page.context().close();
    });

    it('lets an identified visitor find the conversation on another device, and refuses a bad signature', async () => {
        const hash = createHmac('sha256', SECRET).update('customer-7').digest('hex');
        const laptop = await visit(`${site.origin}/?user=customer-7&hash=${hash}`);
        await openChat(laptop);
        await write(laptop, 'Do you ship to Norway?');
        await laptop.context().close();

        const phone = await visit(`${site.origin}/?user=customer-7&hash=${hash}`);
        await openChat(phone);
        await phone.locator('.message.visitor', { hasText: 'Do you ship to Norway?' }).waitFor();
        await phone.context().close();
        const clients = await rows(b.t, api.admin, 'clients');
        expect(clients.find((c) => c.external_user_id === 'user:customer-7')).toMatchObject({ __name: 'Vera Visitor', email: { type: 'work', email: 'vera@example.com' } });

        const forged = await visit(`${site.origin}/?user=customer-7&hash=${'0'.repeat(64)}`);
        await forged.locator('button.bubble').click();
        await forged.getByText(/not available here: The visitor signature does not match/).waitFor();
        expect(await forged.locator('.message.visitor').count()).toBe(0);
        await forged.context().close();
    });

    it('does not let operators start a website session, and marks a channel without sites as an error', async () => {
        await api.setStatus('operator1', 'online');
        const start = await api.call('operator1', 'new_session', { channelId, externalUserId: 'visit:x', text: 'Hello' });
        expect(start.statusCode).toBe(409);
        const res = await b.t.request({ method: 'POST', url: '/api/apps/live_chats/channels/items', cookie: api.admin, body: { __name: 'No sites', line: chat.lineId, kind: 'website', settings: {} } });
        await b.t.host.idle();
        const bare = (await rows(b.t, api.admin, 'channels')).find((c) => c.__id === res.json().__id)!;
        expect(bare).toMatchObject({ state: { code: 'error' }, last_error: expect.stringMatching(/allowed_origins/) });
    });

    it('gives a site the channel does not list no chat', async () => {
        const page = await visit(`${stranger.origin}/`);
        await page.locator('button.bubble').click();
        await page.getByText(/not available here: This site may not open this chat/).waitFor();
        expect(await page.getByText('Hi there! Ask us anything.').count()).toBe(0);
        await page.context().close();
    });

    it('offers the offline form when nobody is Online, and the message becomes a session', async () => {
        await api.setStatus('operator1', 'offline');
        const page = await visit(`${site.origin}/`);
        await page.locator('button.bubble').click();
        await page.getByLabel('Your e-mail').fill('late@example.com');
        await page.getByLabel('Your name').fill('Late Larry');
        await page.getByLabel('Your message').fill('Call me back tomorrow');
        await page.getByRole('button', { name: 'Send' }).click();
        await page.locator('.message.visitor', { hasText: 'Call me back tomorrow' }).locator('.meta', { hasNotText: 'sending' }).waitFor();
        const client = await eventually(async () => (await rows(b.t, api.admin, 'clients')).find((c) => (c.email as { email?: string } | null)?.email === 'late@example.com'));
        expect(client.__name).toBe('Late Larry');
        await page.context().close();
    });
});
