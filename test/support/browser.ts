/**
 * Browser tests: Debian's Chromium driven by playwright-core against an in-process host
 * listening on a free local port. One browser per test file keeps the 2-core CI fast.
 */
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startFakeMessenger, type FakeMessenger } from '../live-chats/support/fake-messenger';
import { apiFor, createLiveChat, type Api, type LiveChat } from '../live-chats/support/live-chat';
import { DEMO_PASSWORD, startTestHost, type TestHost } from './test-host';

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface BrowserHost {
    t: TestHost;
    browser: Browser;
    baseUrl: string;
    /** Uncaught errors of the shell's pages; closing fails when there are any. */
    pageErrors: Error[];
    /** A new page (own cookies) of the given size, signed in as `login` unless null. */
    open(login: string | null, viewport?: { width: number; height: number }): Promise<Page>;
    close(): Promise<void>;
}

export async function signIn(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
    await page.getByLabel('Login').fill(login);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function startBrowserHost(options: Parameters<typeof startTestHost>[0] = {}): Promise<BrowserHost> {
    const t = await startTestHost(options);
    const baseUrl = await t.host.listen(0, '127.0.0.1');
    t.host.setBaseUrl(baseUrl);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
    const pageErrors: Error[] = [];
    return {
        t,
        browser,
        baseUrl,
        pageErrors,
        async open(login, viewport = { width: 1280, height: 800 }) {
            const context = await browser.newContext({ viewport, baseURL: baseUrl });
            const page = await context.newPage();
            page.on('pageerror', (error) => pageErrors.push(error));
            await page.goto('/');
            if (login) {
                await signIn(page, login);
                await page.getByRole('button', { name: 'Sign out' }).waitFor();
            }
            return page;
        },
        async close() {
            await browser.close();
            await t.close();
            if (pageErrors.length) throw new Error(`The pages threw: ${pageErrors.map((e) => e.message).join('; ')}`);
        },
    };
}

/** A browser host with a fake messenger and a live chat "Support" on it. */
export interface BrowserLiveChat extends BrowserHost {
    messenger: FakeMessenger;
    /** The demo users' cookies and calls of the extension's API. */
    api: Api;
    chat: LiveChat;
}

/**
 * Registers beforeAll/afterAll that start a browser host, a fake messenger and a live chat;
 * the returned object is filled in before the file's own beforeAll callbacks run.
 * @param line the live chat's fields beyond the defaults of `createLiveChat`
 * @param prepare runs on the fresh host before the live chat is created (e.g. to install an extension it names)
 */
export function useBrowserLiveChat(line: Record<string, unknown> = {}, prepare: (t: TestHost) => Promise<void> = async () => undefined): BrowserLiveChat {
    const live = {} as BrowserLiveChat;
    beforeAll(async () => {
        Object.assign(live, await startBrowserHost());
        await prepare(live.t);
        live.messenger = await startFakeMessenger();
        live.api = await apiFor(live.t);
        live.chat = await createLiveChat(live.t, live.api, live.messenger, line);
    });
    afterAll(async () => {
        try {
            await live.close?.();
        } finally {
            await live.messenger?.close();
        }
    });
    return live;
}

/** axe-core's finding, as much of it as a failure message needs. */
interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/**
 * Runs axe-core (node_modules/axe-core) in the page and fails on serious or critical
 * violations, naming each rule and where it was found.
 * @param include a CSS selector to check only part of the page
 */
export async function expectAccessible(page: Page, include?: string): Promise<void> {
    // Evaluated rather than added as a <script>: the shell's Content Security Policy forbids inline scripts.
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async (selector) => {
        const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
        const result = await axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
    }, include ?? null);
    const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length) {
        throw new Error(`Accessibility violations on ${page.url()}:\n${bad.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')}`).join('\n')}`);
    }
}
