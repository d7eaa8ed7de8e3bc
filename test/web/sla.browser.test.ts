/**
 * SLA in Chromium: the administrator sets up outgoing mail on the administration page (the
 * password stays write-only), and the session page shows a reaction clock counting down,
 * turning amber under 20% left and red once overdue — live, without a reload.
 */
import type { Page } from 'playwright-core';
import { useBrowserLiveChat } from '../support/browser';

jest.setTimeout(60_000);

describe('SLA in the browser', () => {
    const b = useBrowserLiveChat();


    it('saves the SMTP settings from the administration page without ever showing the password', async () => {
        const page = await b.open('admin');
        await page.goto('/admin');
        await page.getByLabel('SMTP server').fill('smtp.example.com');
        await page.getByLabel('Port').fill('587');
        await page.getByLabel('Security').selectOption('starttls');
        await page.getByLabel('User name').fill('desk');
        await page.getByLabel('Password').fill('mail-password-1');
        await page.getByLabel('Sender address').fill('desk@example.com');
        await page.getByRole('button', { name: 'Save mail settings' }).click();
        await page.getByText('Mail settings saved').waitFor();
        await page.reload();
        await expect(page.getByLabel('SMTP server').inputValue()).resolves.toBe('smtp.example.com');
        await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
        await expect(page.getByLabel('Password').getAttribute('placeholder')).resolves.toBe('Set — type to replace');
        expect(await page.content()).not.toContain('mail-password-1');
    });

    // The clock is long enough that a slow page load under a loaded CI machine still sees it
    // in its normal state before it turns amber (after 80%, 12 s).
    const row = (page: Page) => page.locator('[data-sla="reaction"]');

    it('counts the reaction time down on the session page, amber under 20% and red once overdue', async () => {
        const create = async (app: string, body: object) => (await b.t.request({ method: 'POST', url: `/api/apps/live_chats/${app}/items`, cookie: b.api.admin, body })).json().__id as string;
        const schedule = await create('schedules', { __name: 'Always', time_zone: 'UTC', around_the_clock: true });
        const sla = await create('sla', { __name: 'Fast', schedule, reaction_active: true, reaction_time: 15_000, reaction_violation_action: 'none' });
        await b.api.call('admin', 'set_routing_rules', { lineId: b.chat.lineId, rules: [{ name: 'Fast lane', sla, activity: { kind: 'invite_all' } }] });
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'b-1', user: 'bob', text: 'Anyone there?', chatName: 'Bob' });

        const page = await b.open('supervisor');
        await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('link', { name: 'Support' }).click();
        await page.locator('[data-widget-ready]').first().waitFor();
        await page.locator('.lc-group[data-group="queue"]').click();
        await page.getByRole('button', { name: /via Bridge/ }).click();
        await page.getByText('SLA: Fast').waitFor();
        await row(page).getByText(/\ds left/).waitFor();
        expect(await row(page).getAttribute('class')).toContain('lc-sla-normal');
        await page.locator('[data-sla="reaction"].lc-sla-warning').waitFor({ timeout: 20_000 });
        await page.locator('[data-sla="reaction"].lc-sla-overdue').waitFor({ timeout: 20_000 });
        await row(page).getByText(/Overdue by \d+s/).waitFor();
        await page.getByText('Reaction time violated').first().waitFor();
    });
});
