/**
 * Live updates of the desk over the tab's WebSocket. The desk follows its live chat's topic:
 * counters and lists follow every session change (list changes come coalesced), and a client
 * writing elsewhere marks that session unread. The open session's topic (session-page.ts)
 * brings its new and updated messages. After missed pushes everything shown reloads.
 */
import { debounce } from 'lodash-es';
import { lineTopic } from '../../scripts/shared/topics';
import { desk } from './desk-state';
import { drawList, refreshLists, unread } from './session-lists';
import { refreshOpenSession } from './session-page';
import { drawThread, loadThread, toThreadMessage, upsertMessages, type ApiMessage } from './thread-panel';

interface MessagePush { line: string; session: string; message: ApiMessage }
/** The lists changed; `session` is where a client wrote, if one did. */
interface ListsPush { line: string; session?: string }

const sessionEvents = ['session_created', 'session_queued', 'session_updated', 'session_closed', 'session_invited'];
/**
 * Many pushes in a burst (assign + note + queue) cause one reload, of everything any of them
 * asked for: a list-only push right after a session change must not drop the open session's
 * refresh. A steady stream of pushes still reloads twice a second.
 */
type Work = () => Promise<void>;
const pending = new Set<Work>();
const flush = debounce(() => {
    // A full reload already refreshes the lists.
    if (pending.has(reloadAll)) pending.delete(refreshLists);
    const work = [...pending];
    pending.clear();
    void (async () => { for (const w of work) await w(); })().catch((e: Error) => UI.notify(e.message, 'error'));
}, 120, { maxWait: 500 });
function soon(work: Work): void {
    pending.add(work);
    flush();
}

const ours = (payload: unknown) => (payload as { line?: string }).line === desk.info.line.id;

async function reloadAll(): Promise<void> {
    await refreshLists();
    await refreshOpenSession();
    const thread = desk.thread;
    const session = desk.card?.session;
    // A closed or resumed session shows so in the thread's headings too.
    if (thread && session && thread.sessions[session.id] && thread.sessions[session.id].state !== session.state) {
        thread.sessions[session.id].state = session.state;
        drawThread('keep');
    }
}

export function followLiveChanges(): void {
    UI.subscribe(lineTopic(desk.info.line.id));
    for (const event of sessionEvents) {
        UI.onEvent(`live_chats.${event}`, (payload) => {
            if (ours(payload)) soon(reloadAll);
        });
    }
    UI.onEvent('live_chats.lists_changed', (payload) => {
        if (!ours(payload)) return;
        const push = payload as unknown as ListsPush;
        if (push.session && desk.thread?.sessionId !== push.session) {
            unread.add(push.session);
            drawList();
        }
        soon(refreshLists);
    });
    UI.onEvent('live_chats.message_created', (payload) => {
        if (!ours(payload)) return;
        const push = payload as unknown as MessagePush;
        if (!desk.thread || (!desk.thread.sessions[push.session] && desk.thread.sessionId !== push.session)) return;
        // The reply's own answer may have come first with a newer delivery state: keep it.
        if (!desk.thread.messages.some((m) => m.id === push.message.id)) upsertMessages([toThreadMessage(push.message)]);
        if (push.message.authorKind === 'client' && desk.card?.refusals.reply === null) {
            void Server.call('mark_read', { sessionId: push.session }).catch(() => undefined);
            window.dispatchEvent(new CustomEvent('live-chats:read', { detail: { session: push.session } }));
        }
    });
    UI.onEvent('live_chats.message_updated', (payload) => {
        if (!ours(payload)) return;
        const push = payload as unknown as MessagePush;
        if (desk.thread?.messages.some((m) => m.id === push.message.id)) upsertMessages([toThreadMessage(push.message)]);
    });
    UI.onRefresh(() => soon(async () => {
        await reloadAll();
        if (desk.thread) await loadThread(desk.thread.sessionId);
    }));
    // The user menu's switch tells the desk when the user goes Online or Offline.
    window.addEventListener('live-chats:status', onStatus);
}

function onStatus(): void {
    if (!desk.root.isConnected) return void window.removeEventListener('live-chats:status', onStatus);
    soon(async () => {
        await reloadAll();
        if (desk.thread) drawThread('keep');
    });
}
