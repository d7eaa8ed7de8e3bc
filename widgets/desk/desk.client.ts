/**
 * The operator's desk of one live chat (SPEC §2): session groups and counters on the left,
 * the open session's thread, composer and information panel on the right, all live.
 * Mounted on the page the workspace adds per live chat (`?line=<id>`).
 */
import { findAccountsAction, pickAccountAction, unbindAccountAction } from './account-panel';
import css from './desk.css';
import { desk, type Group } from './desk-state';
import { propertyAction } from './properties-panel';
import { askToClose, lockAction, priorityAction, reassignAction, renameAction, spamAction, startWorkAction, unlockAction, unmarkSpamAction } from './info-panel';
import { followLiveChanges } from './live';
import { createSessionFrom, drawCounters, loadInfo, loadList, refreshLists } from './session-lists';
import { openSessionById, refreshOpenSession } from './session-page';
import { drawIdle, followShortcuts } from './shortcuts';

export { attach, cancelEdit, dropFile, dropQuote, editMessage, quoteMessage, retryMessage, send } from './composer';
export { cancelNewSession, openNewSession, search, showGroup } from './session-lists';
export { loadEarlier, toggleSystem } from './thread-panel';
export { hideShortcuts, showShortcuts } from './shortcuts';

function addStyles(): void {
    if (document.getElementById('lc-desk-styles')) return;
    const style = document.createElement('style');
    style.id = 'lc-desk-styles';
    style.textContent = css;
    document.head.append(style);
}

export async function onInit(): Promise<void> {
    desk.root = ViewContext.root;
    desk.thread = null;
    desk.card = null;
    await loadInfo();
    const asked = String(Context.data.view ?? '');
    const groups: Group[] = desk.info.role === 'operator' ? ['queue', 'mine', 'closed'] : ['active', 'queue', 'mine', 'closed', 'spam'];
    desk.group = groups.includes(asked as Group) ? (asked as Group) : desk.info.role === 'operator' ? 'queue' : 'active';
}

export async function onLoad(): Promise<void> {
    addStyles();
    drawCounters();
    followLiveChanges();
    followShortcuts();
    await loadList();
    if (Context.data.session) await openSessionById(String(Context.data.session));
    else drawIdle();
}

export async function openSession(event: Event): Promise<void> {
    const id = (event.target as Element).closest<HTMLElement>('[data-id]')?.dataset.id;
    if (id) await openSessionById(id);
}

/** A click on the queue counter: the oldest waiting session becomes the user's and opens. */
export async function takeNext(): Promise<void> {
    try {
        const { session } = await Server.call<{ session: { id: string } }>('take', { lineId: desk.info.line.id });
        desk.group = 'mine';
        await refreshLists();
        await openSessionById(session.id);
    } catch (error) {
        UI.notify(error instanceof Error ? error.message : String(error), 'error');
    }
}

export async function createSession(event: Event): Promise<void> {
    const id = await createSessionFrom(event.target as HTMLFormElement);
    if (!id) return;
    desk.group = 'mine';
    await refreshLists();
    await openSessionById(id);
}

async function after(done: Promise<boolean>, group?: Group): Promise<void> {
    if (!(await done)) return;
    if (group) desk.group = group;
    await refreshLists();
    await refreshOpenSession();
    drawCounters();
}

export const startWork = () => after(startWorkAction(), 'mine');
export const reassign = () => after(reassignAction());
export const rename = () => after(renameAction());
export const setPriority = () => after(priorityAction());
export const markSpam = () => after(spamAction());
export const closeSession = () => after(askToClose());
export const removeFromSpam = () => after(unmarkSpamAction());
export { confirmClose, undoClose } from './info-panel';
export const lockAccount = () => after(lockAction());
export const unlockAccount = () => after(unlockAction());
export const findAccounts = () => findAccountsAction();
export const pickAccount = (event: Event) => after(pickAccountAction(event));
export const unbindAccount = () => after(unbindAccountAction());
export const setProperty = (event: Event) => after(propertyAction(event));
