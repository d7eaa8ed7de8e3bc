/**
 * The operator's desk and the Messages workspace in Chromium, with several people at once
 * (one browser context each): an employee writes, operator1 sees the queue rise live, takes
 * the session and replies, the employee reads the reply live; the supervisor reassigns to
 * operator2, who is notified; operator1 going Offline gets disabled actions with the reason;
 * a messenger client's message reaches the queue live; closing and writing again resumes the
 * same session with its history; Lock account and Unlock account from the session panel.
 * User text is shown as text everywhere.
 */
import type { Page } from 'playwright-core';
import { useBrowserLiveChat } from '../support/browser';

const hostile = '<img src=x onerror=alert(1)>';
jest.setTimeout(60_000);

/** The probe's value once it passes `ok`, or its last value after the timeout (the assertion then shows it). */
async function soon<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (ok(value) || Date.now() > until) return value;
        await new Promise((r) => setTimeout(r, 50));
    }
}

describe('the operator desk and the Messages workspace', () => {
    const b = useBrowserLiveChat();
    const pages: Record<string, Page> = {};


    async function openDesk(login: string): Promise<Page> {
        const page = await b.open(login);
        await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Support' }).click();
        await page.locator('[data-widget-ready]').first().waitFor();
        await page.locator('.lc-desk-counters').waitFor();
        return page;
    }

    const group = (page: Page, code: 'active' | 'queue' | 'mine' | 'closed' | 'spam') => page.locator(`.lc-group[data-group="${code}"]`);
    const queueCount = (page: Page) => page.locator('[data-count="queue"]');
    const thread = (page: Page) => page.locator('.lc-thread-log');

    it('lets an employee write and operator1 see the queue rise live, take the session and reply', async () => {
        const op = pages.operator1 = await openDesk('operator1');
        await op.getByLabel('My status').selectOption('online');
        await op.getByText('You are Online', { exact: true }).first().waitFor();
        await expect(queueCount(op).textContent()).resolves.toBe('0');

        const employee = pages.employee = await b.open('employee');
        await employee.getByRole('link', { name: 'Messages' }).click();
        await employee.locator('[data-widget-ready]').waitFor();
        await employee.getByLabel('Search').fill('~sup');
        await employee.getByRole('listbox', { name: 'Live chats you can write to' }).getByRole('button', { name: 'Support' }).click();
        await employee.getByLabel('Message to Support').fill(`Hello ${hostile}`);
        await employee.getByLabel('Message to Support').press('Control+Enter');
        await thread(employee).getByText(`Hello ${hostile}`).waitFor();

        await queueCount(op).filter({ hasText: /^1$/ }).waitFor();
        expect(await soon(() => op.title(), (t) => t.startsWith('(1) '))).toMatch(/^\(1\) /);
        await op.locator('.lc-take-next').click();
        await thread(op).getByText(`Hello ${hostile}`).waitFor();
        expect(await op.locator('.lc-thread-log img').count()).toBe(0);
        await op.locator('[data-fact="operator"]').getByText('Olga Operator').waitFor();
        expect(await soon(() => op.title(), (t) => !t.startsWith('('))).not.toMatch(/^\(/);

        await op.getByLabel('Reply', { exact: true }).fill('We are on it');
        await op.getByLabel('Reply', { exact: true }).press('Control+Enter');
        await thread(op).locator('.lc-message--operator').filter({ hasText: 'We are on it' }).getByText('Delivered').waitFor();
        await thread(employee).locator('.lc-message--operator').getByText('We are on it').waitFor();
        // Own messages on the right everywhere: the employee's in Messages, the operator's on the desk.
        const x = async (page: Page, kind: string) => (await thread(page).locator(`.lc-message--${kind}`).first().boundingBox())!.x;
        expect(await x(employee, 'client')).toBeGreaterThan(await x(employee, 'operator'));
        expect(await x(op, 'operator')).toBeGreaterThan(await x(op, 'client'));

        await thread(employee).locator('.lc-message--client').getByRole('button', { name: 'Edit' }).click();
        await employee.getByLabel('Message to Support').fill('Hello, the printer on floor 2 is jammed');
        await employee.getByRole('button', { name: 'Save' }).click();
        await thread(op).getByText('Hello, the printer on floor 2 is jammed').waitFor();
        expect(await thread(op).getByText(hostile).count()).toBe(0);

        // A file goes with a reply (the same picker and upload as the Live Chat Messages widget).
        await op.getByLabel('Attach files').setInputFiles({ name: 'steps.txt', mimeType: 'text/plain', buffer: Buffer.from('1. Open the tray') });
        await op.getByRole('button', { name: 'Remove steps.txt' }).waitFor();
        await op.getByLabel('Reply', { exact: true }).fill('The steps are attached');
        await op.getByLabel('Reply', { exact: true }).press('Control+Enter');
        await thread(employee).getByRole('link', { name: 'steps.txt' }).waitFor();
        expect(await op.getByRole('button', { name: 'Remove steps.txt' }).count()).toBe(0);
    });

    it('lets the supervisor see the session and reassign it to operator2, who is notified', async () => {
        const op2 = pages.operator2 = await openDesk('operator2');
        await op2.getByLabel('My status').selectOption('online');
        const sup = pages.supervisor = await openDesk('supervisor');
        await sup.getByLabel('My status').selectOption('online');
        await sup.getByText('You are Online', { exact: true }).first().waitFor();
        await sup.getByRole('button', { name: /Emil Employee via Messages/ }).click();
        await thread(sup).getByText('We are on it').waitFor();
        await sup.getByLabel('Reassign to').selectOption({ label: 'Oscar Operator — Online, 0 active' });
        await op2.locator('.notice').getByText('A session was assigned to you').waitFor();
        await sup.locator('[data-fact="operator"]').getByText('Oscar Operator').waitFor();
        await group(op2, 'mine').click();
        await op2.getByRole('button', { name: /Emil Employee via Messages/ }).waitFor();
    });

    it('shows operator1 gone Offline everything read-only with the reason on disabled buttons', async () => {
        const op = pages.operator1;
        await op.getByLabel('My status').selectOption('offline');
        await op.locator('.notice-warning').getByText('You are Offline: sessions are read-only').waitFor();
        await op.locator('.lc-desk-counters').getByText(/You are Offline: switch to Online/).waitFor();
        await op.locator('.lc-take-next:disabled').waitFor();
        await group(op, 'mine').click();
        const create = op.locator('.lc-new-session:disabled');
        await create.waitFor();
        expect(await create.getAttribute('title')).toMatch(/Offline/);
        await op.goto(`${new URL(op.url()).pathname}?line=${b.chat.lineId}&view=queue&session=${await sessionOf('Emil Employee via Messages')}`);
        await thread(op).getByText('We are on it').waitFor();
        for (const name of ['Close session', 'Send']) {
            expect(await soon(() => op.getByRole('button', { name, exact: true }).isDisabled(), Boolean)).toBe(true);
        }
        for (const label of ['Reassign to', 'Name', 'Priority']) expect(await op.getByLabel(label, { exact: true }).isDisabled()).toBe(true);
        expect(await op.getByRole('button', { name: 'Close session' }).getAttribute('title')).toBeTruthy();
    });

    async function sessionOf(name: string): Promise<string> {
        const res = await b.api.get('supervisor', 'sessions', { lineId: b.chat.lineId, view: 'active' });
        return (res.json().sessions as { id: string; name: string }[]).find((s) => s.name === name)!.id;
    }

    it('brings a messenger client into the queue live, and resumes the same session with history after closing', async () => {
        const op2 = pages.operator2;
        await group(op2, 'queue').click();
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'm-1', user: 'alice', text: 'My parcel is late', chatName: 'Alice' });
        await op2.getByRole('button', { name: /via Bridge/ }).click();
        await thread(op2).getByText('My parcel is late').waitFor();
        await op2.getByRole('button', { name: 'Start work' }).click();
        await op2.locator('[data-fact="operator"]').getByText('Oscar Operator').waitFor();
        await op2.getByLabel('Reply', { exact: true }).fill('Sorry, it ships today');
        await op2.getByRole('button', { name: 'Send' }).click();
        await b.messenger.waitFor((r) => r.type === 'message' && r.data?.text === 'Sorry, it ships today');
        await op2.getByRole('button', { name: 'Close session' }).click();
        await op2.getByRole('button', { name: 'Yes, close' }).click();
        await op2.getByText(/Closing in \d s/).waitFor();
        await op2.locator('[data-fact="status"]').getByText('Closed').waitFor({ timeout: 10_000 });

        await b.api.clientWrites(b.chat.otherChannelId, { id: 'm-2', user: 'alice', text: 'It arrived, thanks!', chatName: 'Alice' });
        await thread(op2).getByText('It arrived, thanks!').waitFor();
        await thread(op2).getByText('My parcel is late').waitFor();
        await op2.locator('[data-fact="status"]').getByText(/Waiting|In work/).waitFor();
        const sessions = (await b.api.get('supervisor', 'sessions', { lineId: b.chat.lineId, view: 'active' })).json().sessions as { name: string }[];
        expect(sessions.filter((s) => s.name.includes('via Bridge'))).toHaveLength(1);
    });

    it('scrolls up through a long history page by page and keeps a draft per session', async () => {
        const op2 = pages.operator2;
        for (let i = 0; i < 60; i++) await b.api.clientWrites(b.chat.otherChannelId, { id: `c-${i}`, user: 'carl', text: `Line ${i} from Carl`, chatName: 'Carl <b>bold</b>' });
        await group(op2, 'queue').click();
        await op2.getByRole('button', { name: /Carl <b>bold<\/b> via Bridge/ }).click();
        await thread(op2).getByText('Line 59 from Carl').waitFor();
        await op2.locator('.lc-info-title').getByText('Carl <b>bold</b> via Bridge').waitFor();
        expect(await op2.locator('.lc-desk b').count()).toBe(0);
        const shown = await thread(op2).locator('.lc-message--client').count();
        expect(shown).toBeLessThan(60);
        for (let i = 0; i < 5 && !(await thread(op2).getByText('Line 0 from Carl').count()); i++) {
            await thread(op2).evaluate((log) => { log.scrollTop = 0; log.dispatchEvent(new Event('scroll')); });
            await soon(() => thread(op2).locator('.lc-message--client').count(), (n) => n > shown);
        }
        await thread(op2).getByText('Line 0 from Carl', { exact: true }).waitFor();

        await op2.getByRole('button', { name: 'Start work' }).click();
        await op2.locator('[data-fact="operator"]').getByText('Oscar Operator').waitFor();
        await op2.getByLabel('Reply', { exact: true }).fill('A draft for Carl');
        await group(op2, 'active').or(group(op2, 'mine')).first().click();
        await op2.getByRole('button', { name: /Emil Employee via Messages/ }).click();
        await thread(op2).getByText('We are on it').waitFor();
        expect(await op2.getByLabel('Reply', { exact: true }).inputValue()).toBe('');
        await op2.getByRole('button', { name: /Carl <b>bold<\/b> via Bridge/ }).click();
        await thread(op2).getByText('Line 59 from Carl').waitFor();
        expect(await op2.getByLabel('Reply', { exact: true }).inputValue()).toBe('A draft for Carl');
    });

    it('locks the client of the open session from its panel, and unlocks them again', async () => {
        const op2 = pages.operator2;
        await op2.getByLabel('Lock account').fill('Rude <b>again</b>');
        await op2.getByLabel('How long').selectOption({ label: 'For a week' });
        await op2.getByRole('button', { name: 'Lock account' }).click();
        await op2.getByRole('button', { name: 'Unlock account' }).waitFor();
        const entries = await b.t.request({ method: 'GET', url: '/api/apps/live_chats/blocklist/items', cookie: b.api.admin });
        const [entry] = entries.json().items as Record<string, unknown>[];
        expect(entry).toMatchObject({ rule_type: { code: 'external_id' }, rule_value: 'carl', reason: 'Rude <b>again</b>', lines: [b.chat.lineId] });
        expect(Date.parse(entry.until as string) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
        // The session at hand is left as it was.
        await op2.locator('[data-fact="operator"]').getByText('Oscar Operator').waitFor();
        await op2.getByRole('button', { name: 'Unlock account' }).click();
        await op2.getByRole('button', { name: 'Lock account' }).waitFor();
        const after = await b.t.request({ method: 'GET', url: '/api/apps/live_chats/blocklist/items', cookie: b.api.admin });
        expect(after.json().total).toBe(0);
    });

    it('shows one notice per new session, at most three at once, styled by kind', async () => {
        const op2 = pages.operator2;
        for (let i = 0; i < 5; i++) await b.api.clientWrites(b.chat.otherChannelId, { id: `n-${i}`, user: `newbie${i}`, text: `Hi ${i}`, chatName: `Newbie ${i}` });
        await op2.locator('.notice').getByText('New session: Newbie 4 via Bridge').waitFor();
        expect(await op2.locator('.notice').count()).toBeLessThanOrEqual(3);
        expect(await op2.locator('.notice-info').count()).toBeGreaterThan(0);
        expect(await op2.locator('.notice').filter({ hasText: 'New message in' }).count()).toBe(0);
        // They go by themselves.
        await op2.locator('.notice').first().waitFor({ state: 'detached', timeout: 10_000 });
    });

    it('lists sessions as a help desk does, says what to do when empty, and has keyboard shortcuts', async () => {
        const op2 = pages.operator2;
        await group(op2, 'queue').click();
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'd-1', user: 'dora', text: 'First question', chatName: 'Dora' });
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'd-2', user: 'dora', text: `And a second, much longer question ${hostile} that does not fit on one line of the list`, chatName: 'Dora' });
        const row = op2.locator('.lc-session').filter({ hasText: 'Dora via Bridge' });
        await row.locator('.lc-unread').filter({ hasText: /^2$/ }).waitFor();
        expect(await row.locator('.lc-preview-text').textContent()).toMatch(/^And a second, much longer question <img/);
        expect(await row.locator('img').count()).toBe(0);
        expect(await row.locator('.lc-channel-mark').textContent()).toBe('B');
        expect(await row.locator('.lc-badge--waiting').textContent()).toBe('Waiting');
        expect(await row.locator('.lc-session-time').textContent()).toMatch(/^\d\d:\d\d$/);
        // One line each: long text is cut with an ellipsis, never wrapped.
        const heights = await row.evaluate((el) => ['.lc-session-client', '.lc-preview-text'].map((sel) => el.querySelector(sel)!.getBoundingClientRect().height));
        for (const height of heights) expect(height).toBeLessThan(28);

        const fresh = await openDesk('operator1');
        await fresh.locator('.lc-idle').getByText('No session open').waitFor();
        await group(fresh, 'mine').click();
        await fresh.locator('.lc-empty').getByText('No sessions are assigned to you.').waitFor();
        await fresh.keyboard.press('?');
        const help = fresh.getByRole('dialog', { name: 'Keyboard shortcuts' });
        await help.waitFor();
        await help.getByText('Take the next waiting session').waitFor();
        await fresh.keyboard.press('Escape');
        await help.waitFor({ state: 'hidden' });
        await group(fresh, 'queue').click();
        await fresh.locator('.lc-session').first().waitFor();
        await fresh.keyboard.press('j');
        await fresh.locator('.lc-session.is-current').waitFor();
        await thread(fresh).waitFor();
        await fresh.close();
    });

    it('shows automatic replies as outbound bot messages and staff-only notes apart', async () => {
        const rules = [{ name: 'Welcome', activity: { kind: 'invite_all' }, actions: [{ kind: 'auto_reply', template: 'Hello {{client_name}}, an operator will answer soon' }] }];
        expect((await b.api.call('admin', 'set_routing_rules', { lineId: b.chat.lineId, rules })).statusCode).toBe(200);
        const op2 = pages.operator2;
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'w-1', user: 'wanda', text: 'Is anyone there?', chatName: 'Wanda' });
        await group(op2, 'queue').click();
        await op2.getByRole('button', { name: /Wanda via Bridge/ }).click();
        const auto = thread(op2).locator('.lc-message--auto');
        await auto.getByText('Hello Wanda, an operator will answer soon').waitFor();
        expect(await auto.locator('.lc-message-author').textContent()).toBe('Automatic reply');
        expect(await auto.getAttribute('class')).toContain('lc-message--out');
        expect(await auto.getByRole('button', { name: 'Quote' }).count()).toBe(0);
        await op2.getByLabel(/Show system messages/).check();
        const note = thread(op2).locator('.lc-message--note').first();
        await note.waitFor();
        expect(await note.locator('.lc-message-tag').textContent()).toBe('staff only');
        expect((await b.api.call('admin', 'set_routing_rules', { lineId: b.chat.lineId, rules: [] })).statusCode).toBe(200);
    });

    it('edits name, priority and operator in place, closes after a confirmation with an undo, and removes from spam', async () => {
        const op2 = pages.operator2;
        const sup = pages.supervisor;
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'p-1', user: 'pete', text: 'Spam or not?', chatName: 'Pete' });
        await group(op2, 'queue').click();
        await op2.getByRole('button', { name: /Pete via Bridge/ }).click();
        await op2.getByRole('button', { name: 'Start work' }).click();
        await op2.locator('[data-fact="operator"]').getByText('Oscar Operator').waitFor();
        // A push while the name is being typed (the supervisor sets the priority) leaves the field,
        // its text and its focus alone; the panel says it is behind and catches up after Enter.
        const name = op2.getByLabel('Name', { exact: true });
        await name.fill('Pete <i>asks</i>');
        const sessionId = new URL(op2.url()).searchParams.get('session')!;
        expect((await b.api.call('supervisor', 'set_priority', { sessionId, priority: 'medium' })).statusCode).toBe(200);
        await op2.locator('.lc-info').getByRole('status').getByText('The session changed meanwhile').waitFor();
        expect(await name.inputValue()).toBe('Pete <i>asks</i>');
        expect(await name.evaluate((input) => input === document.activeElement)).toBe(true);
        await name.press('Enter');
        await op2.locator('.lc-info-title').getByText('Pete <i>asks</i>').waitFor();
        await op2.locator('[data-fact="priority"] option:checked').getByText('Medium').waitFor({ state: 'attached' });
        expect(await op2.locator('.lc-info [data-edit-note]').isHidden()).toBe(true);
        await op2.getByLabel('Priority', { exact: true }).selectOption({ label: 'High' });
        await op2.locator('.lc-session.is-current .lc-priority--high').waitFor();
        expect(await op2.locator('.lc-desk i').count()).toBe(0);

        // Close, then Undo within the few seconds: nothing happened.
        await op2.getByRole('button', { name: 'Close session' }).click();
        await op2.getByRole('button', { name: 'Yes, close' }).click();
        await op2.getByRole('button', { name: 'Undo' }).click();
        await op2.waitForTimeout(6_000);
        expect(await op2.locator('[data-fact="status"]').textContent()).toBe('In work');
        // Cancel at the question: nothing either.
        await op2.getByRole('button', { name: 'Close session' }).click();
        await op2.getByRole('button', { name: 'Cancel' }).click();
        await op2.getByRole('button', { name: 'Close session' }).waitFor();

        await op2.getByRole('button', { name: 'Mark as spam' }).click();
        await op2.locator('[data-fact="status"]').getByText('Marked as spam').waitFor();
        await group(sup, 'spam').click();
        await sup.getByRole('button', { name: /Pete <i>asks<\/i>/ }).click();
        await sup.getByRole('button', { name: 'Remove from spam' }).click();
        await sup.locator('[data-fact="status"]').getByText('In work').waitFor();
        await sup.locator('[data-fact="operator"]').getByText('Oscar Operator').waitFor();
        await sup.locator('.lc-empty').getByText('No spam.').waitFor();
    });
});
