/**
 * Remove from spam on the Sessions app's form (SPEC §3.2), in Chromium: a supervisor who
 * opens a spam session there sees the action and restores the session with its operator and
 * priority; an administrator who is Offline sees it disabled with the reason; an operator
 * given the app sees no such action and the server refuses them.
 */
import type { Page } from 'playwright-core';
import { rows } from '../live-chats/support/live-chat';
import { expectAccessible, useBrowserLiveChat } from '../support/browser';

jest.setTimeout(90_000);

describe('web shell: Remove from spam on the Sessions app', () => {
    const b = useBrowserLiveChat();

    beforeAll(async () => {
        await b.api.setStatus('supervisor', 'online');
        await b.api.setStatus('operator1', 'online');
    });

    it('is the administrators\' app until an administrator lets supervisors and operators read it in the Access dialog', async () => {
        const before = await b.open('supervisor');
        const refused = await before.evaluate(() => fetch('/api/apps/live_chats/sessions/items').then((r) => r.status));
        expect(refused).toBe(403);
        await before.context().close();
        const page = await b.open('admin');
        await page.goto('/apps/live_chats/sessions');
        await page.getByRole('button', { name: 'Access' }).click();
        const dialog = page.getByRole('dialog', { name: 'Access to Sessions' });
        await dialog.waitFor();
        await expectAccessible(page);
        await dialog.getByRole('checkbox', { name: 'Live chat supervisors: Read' }).check();
        await dialog.getByRole('checkbox', { name: 'Operators: Read' }).check();
        await dialog.getByRole('button', { name: 'Save' }).click();
        await page.locator('.notice').getByText('Access to Sessions saved').waitFor();
        await page.context().close();
        const after = await b.open('supervisor');
        expect(await after.evaluate(() => fetch('/api/apps/live_chats/sessions/items').then((r) => r.status))).toBe(200);
        await after.context().close();
    });

    /** A session of a new client, taken by operator1, set to High and marked as spam. */
    async function spamSession(user: string, text: string): Promise<string> {
        expect((await b.api.clientWrites(b.chat.otherChannelId, { id: `${user}-1`, user, text, chatName: user })).statusCode).toBe(200);
        await b.t.host.idle();
        const session = (await rows(b.t, b.api.admin, 'sessions')).find((s) => s.external_chat_id === `chat-${user}`)!;
        const id = session.__id as string;
        expect((await b.api.call('operator1', 'take', { sessionId: id })).statusCode).toBe(200);
        expect((await b.api.call('operator1', 'set_priority', { sessionId: id, priority: 'high' })).statusCode).toBe(200);
        expect((await b.api.call('supervisor', 'mark_spam', { sessionId: id })).statusCode).toBe(200);
        return id;
    }

    async function openForm(login: string, id: string): Promise<Page> {
        const page = await b.open(login);
        await page.goto(`/apps/live_chats/sessions/items/${id}`);
        await page.locator('#form-widgets [data-widget-ready]').waitFor({ state: 'attached' });
        return page;
    }

    it('lets a supervisor remove a session from spam from its form, with the same operator and priority', async () => {
        const id = await spamSession('spammy', 'Cheap watches here');
        const page = await openForm('supervisor', id);
        const box = page.getByRole('region', { name: 'Marked as spam' });
        await box.waitFor();
        await expectAccessible(page);
        await box.getByRole('button', { name: 'Remove from spam' }).click();
        await page.locator('.notice').getByText('Removed from spam').waitFor();
        await page.locator('#item-view').getByText('In work').waitFor();
        expect(await page.getByRole('button', { name: 'Remove from spam' }).count()).toBe(0);
        const restored = (await rows(b.t, b.api.admin, 'sessions')).find((s) => s.__id === id)!;
        expect((restored.state as { code: string }).code).toBe('assigned_to_operator');
        expect((restored.priority as { code: string }).code).toBe('high');
        expect(restored.operator).toBe((await b.t.host.store.system.users.byLogin('operator1'))!.id);
        await page.context().close();
    });

    it('shows an Offline administrator the action disabled with the reason', async () => {
        const id = await spamSession('spammer2', 'Win a prize');
        const page = await openForm('admin', id);
        const button = page.getByRole('region', { name: 'Marked as spam' }).getByRole('button', { name: 'Remove from spam' });
        await button.waitFor();
        expect(await button.isDisabled()).toBe(true);
        await page.getByText('Switch to Online to work on sessions').waitFor();
        await page.context().close();
    });

    it('offers an operator nothing, and the server refuses them', async () => {
        const id = await spamSession('spammer3', 'Free money');
        const page = await openForm('operator1', id);
        await page.locator('#item-view').getByText('Marked as spam').waitFor();
        expect(await page.getByRole('button', { name: 'Remove from spam' }).count()).toBe(0);
        expect(await page.locator('#form-widgets .widget-box').isHidden()).toBe(true);
        const refused = await b.api.call('operator1', 'unmark_spam', { sessionId: id });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.code).toBe('FORBIDDEN_ROLE');
        await page.context().close();
    });
});
