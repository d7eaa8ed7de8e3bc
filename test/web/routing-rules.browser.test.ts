/**
 * The routing-rule builder in Chromium: an administrator builds a rule with a nested
 * condition group, a channel and an operator picked by name, saves it, sees it again after a reload,
 * and a client message matching the rule goes to that operator while another does not.
 * The server's refusal is shown beside the rule; non-administrators get no rules.
 */
import type { Page } from 'playwright-core';
import { eventually, rows } from '../live-chats/support/live-chat';
import { expectAccessible, useBrowserLiveChat } from '../support/browser';

jest.setTimeout(90_000);

describe('routing rules page', () => {
    const b = useBrowserLiveChat();


    const open = async (page: Page) => {
        await page.getByRole('link', { name: 'Routing rules' }).click();
        await page.getByRole('heading', { name: 'Routing rules', level: 2 }).waitFor();
    };

    it('builds a rule with a nested group, saves it, shows it after a reload, and routes by it', async () => {
        const page = await b.open('admin');
        await open(page);
        await page.getByRole('button', { name: 'Add rule' }).click();
        await page.getByLabel('Rule 1 Name', { exact: true }).fill('VIP to Oscar');
        await page.getByRole('button', { name: 'Add condition to rule 1 conditions' }).click();
        await page.getByLabel('Rule 1 condition 1 field').selectOption('channel');
        await page.getByLabel('Rule 1 condition 1 value').selectOption({ label: 'Bridge' });
        await page.getByRole('button', { name: 'Add group to rule 1 conditions' }).click();
        await page.getByLabel('Rule 1 condition 2.1 field').selectOption('client.external_user_id');
        await page.getByLabel('Rule 1 condition 2.1 value').fill('vip-bob');
        await page.getByRole('button', { name: 'Add condition to rule 1 group 2' }).click();
        await page.getByLabel('Rule 1 condition 2.2 connector').selectOption('or');
        await page.getByLabel('Rule 1 condition 2.2 field').selectOption('priority');
        await page.getByLabel('Rule 1 condition 2.2 value').selectOption('high');
        await page.getByLabel('Rule 1 Activity', { exact: true }).selectOption('assign_user');
        await page.getByLabel('Rule 1 Operator', { exact: true }).selectOption({ label: 'Oscar Operator' });
        await expectAccessible(page);
        await page.getByRole('button', { name: 'Save rules' }).click();
        await page.locator('.rr-status').getByText('Routing rules saved').waitFor();

        await page.reload();
        await page.getByRole('heading', { name: 'Routing rules', level: 2 }).waitFor();
        await expect(page.getByLabel('Rule 1 Name', { exact: true }).inputValue()).resolves.toBe('VIP to Oscar');
        await expect(page.getByLabel('Rule 1 condition 1 value').inputValue()).resolves.toBe(b.chat.otherChannelId);
        await expect(page.getByLabel('Rule 1 condition 2.1 value').inputValue()).resolves.toBe('vip-bob');
        await expect(page.getByLabel('Rule 1 condition 2.2 connector').inputValue()).resolves.toBe('or');
        await expect(page.getByLabel('Rule 1 Operator', { exact: true }).locator('option:checked').textContent()).resolves.toBe('Oscar Operator');

        await b.api.setStatus('operator1', 'online');
        await b.api.setStatus('operator2', 'online');
        const operator2 = (await b.t.host.store.system.users.byLogin('operator2'))!.id;
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'rr-1', user: 'vip-bob', text: 'Hello' });
        await b.api.clientWrites(b.chat.otherChannelId, { id: 'rr-2', user: 'ann', text: 'Hello' });
        await b.t.host.idle();
        const session = (user: string) => eventually(async () => (await rows(b.t, b.api.admin, 'sessions')).find((s) => s.external_chat_id === `chat-${user}`));
        expect(await session('vip-bob')).toMatchObject({ operator: operator2, routing_rule: 'VIP to Oscar' });
        expect((await session('ann')).operator).not.toBe(operator2);
    });

    it('shows the server\'s refusal beside the rule, and moves rules with the keyboard', async () => {
        const page = await b.open('admin');
        await open(page);
        await page.getByRole('button', { name: 'Add rule' }).click();
        await page.getByLabel('Rule 2 Activity', { exact: true }).selectOption('invite_group');
        await page.getByRole('button', { name: 'Save rules' }).click();
        await page.locator('#rr-1-problems').getByText('activity.group: required').waitFor();
        // Move rule 2 up from the keyboard; focus follows the rule.
        await page.getByRole('button', { name: 'Move up rule 2' }).focus();
        await page.keyboard.press('Enter');
        await expect(page.locator('#rr-0-name').inputValue()).resolves.toBe('Rule 2');
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('rr-0-name');
        await expectAccessible(page);
    });

    it('gives the rules to administrators only', async () => {
        const res = await b.api.get('supervisor', 'routing_rules', { lineId: b.chat.lineId });
        expect(res.json().error.code).toBe('FORBIDDEN_ROLE');
        const page = await b.open('supervisor');
        await expect(page.getByRole('link', { name: 'Routing rules' }).count()).resolves.toBe(0);
    });
});
