/**
 * Opening a session on the desk: the page's frame, then its information panel, thread and
 * composer; the tab follows the session's topic, and the session is remembered in the
 * address and marked read.
 */
import type { Subscription } from '@brix/sdk';
import { sessionTopic } from '../../scripts/shared/topics';
import sessionTemplate from './session.hbs';
import { drawComposer, resetComposer } from './composer';
import { desk, draw, remember } from './desk-state';
import { drawInfo, loadCard } from './info-panel';
import { drawList, unread } from './session-lists';
import { loadThread } from './thread-panel';

/** The open session's topic: its new and updated messages reach this tab while it is open. */
let following: Subscription | undefined;

/** Tells other widgets of the tab (the user menu's unread badge) that the session was read. */
function announceRead(sessionId: string): void {
    window.dispatchEvent(new CustomEvent('live-chats:read', { detail: { session: sessionId } }));
}

export async function openSessionById(id: string): Promise<void> {
    desk.composingNew = false;
    resetComposer();
    draw('session', sessionTemplate, {});
    desk.thread = null;
    following?.dispose();
    following = UI.subscribe(sessionTopic(id));
    await loadCard(id);
    await loadThread(id);
    drawInfo();
    drawComposer();
    unread.delete(id);
    drawList();
    remember();
    announceRead(id);
    if (desk.card?.refusals.reply === null) await Server.call('mark_read', { sessionId: id }).catch(() => undefined);
}

/** After a change on the server: the panel and composer follow, the thread keeps its place. */
export async function refreshOpenSession(): Promise<void> {
    const id = desk.thread?.sessionId;
    if (!id) return;
    const refused = desk.card?.refusals.reply;
    await loadCard(id);
    if (desk.thread?.sessionId !== id) return;
    drawInfo();
    // Of the card, the composer shows only whether a reply is refused: drawn again for any other
    // change, it would close the list of templates or the questions the operator is answering.
    if (desk.card?.refusals.reply !== refused) drawComposer();
}
