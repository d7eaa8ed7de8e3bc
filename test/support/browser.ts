/**
 * Browser tests: Debian's Chromium driven by playwright-core against an in-process host
 * listening on a free local port. One browser per test file keeps the 2-core CI fast.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
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
