/**
 * Bind account (SPEC §11) in the session panel: find items of the live chat's account app by
 * name, pick one to bind the session's client to it, or unbind. The server checks the right
 * to bind and the caller's right to read that app; a refusal is shown as it worded it.
 */
import accountResults from './account-results.hbs';
import { desk, reasonOf } from './desk-state';

async function call(params: Record<string, string | null>, done: string): Promise<boolean> {
    const card = desk.card;
    if (!card) return false;
    try {
        await Server.call('bind_account', { sessionId: card.session.id, ...params });
        UI.notify(done, 'success');
        return true;
    } catch (error) {
        UI.notify(reasonOf(error), 'error');
        return false;
    }
}

/** Lists the items whose name has the typed text, each with a button to bind it. */
export async function findAccountsAction(): Promise<void> {
    const card = desk.card;
    const box = desk.root.querySelector<HTMLElement>('#lc-account-results');
    if (!card || !box) return;
    const q = desk.root.querySelector<HTMLInputElement>('#lc-account-q')?.value.trim() ?? '';
    try {
        const { items } = await Server.call<{ items: { id: string; name: string }[] }>('search_accounts', { sessionId: card.session.id, q });
        box.innerHTML = accountResults({ items, empty: items.length === 0 });
    } catch (error) {
        UI.notify(reasonOf(error), 'error');
    }
}

export function pickAccountAction(event: Event): Promise<boolean> {
    const itemId = (event.target as HTMLElement).closest<HTMLElement>('[data-account]')?.dataset.account;
    return itemId ? call({ itemId }, 'Account bound') : Promise.resolve(false);
}

export const unbindAccountAction = () => call({ itemId: null }, 'Account unbound');
