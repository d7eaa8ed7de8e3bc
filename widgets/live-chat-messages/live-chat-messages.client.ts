/**
 * Live Chat Messages on an app form (SPEC §10): the item's sessions (active and archive),
 * the selected thread with earlier conversations above, live updates, paging, and — for
 * whoever the server allows — a reply composer and +New session. The state lives here;
 * `Context.data` carries settings and one call's request and answer (see the .server.ts).
 */
import type { Subscription, TJSON } from '@brix/sdk';
import { debounce } from 'lodash-es';
import { sessionTopic } from '../../scripts/shared/topics';
import { PendingFiles, replyFiles } from '../shared/attachments/pending-files';
import { attachResponsePicker, type ResponsePicker } from '../shared/responses/response-picker';
import { serverSource } from '../shared/responses/server-source';
import { mergeMessages, type ThreadMessage, type ThreadSession } from '../shared/thread/thread-view';
import { initialState, widgetView, type NewSessionTarget, type SessionSummary } from './view-model';

interface ThreadAnswer { sessions: ThreadSession[]; messages: ThreadMessage[]; hasEarlier: boolean }
interface LoadAnswer {
    access: 'none' | 'granted';
    sessions: SessionSummary[];
    clients: string[];
    selected: string | null;
    role: string | null;
    thread: ThreadAnswer | null;
    replyRefusal: string | null;
    newSession: NewSessionTarget[];
}

/**
 * Realtime events after which the widget reloads, if they concern its sessions: those of the
 * sessions it follows by topic, and new sessions, which staff hear of wherever they are.
 */
const liveEvents = ['thread_changed', 'message_created', 'message_updated', 'session_updated', 'session_closed', 'session_queued', 'session_created'];

/** Most session topics the widget follows: a tab's topics are limited, and long archives rarely change. */
const MAX_FOLLOWED = 40;

let state = initialState();
/** The topics of the listed sessions, by session id: their changes reach the widget. */
const followed = new Map<string, Subscription>();
// A burst of events (message, note, assignment) becomes one reload.
const refreshSoon = debounce(() => void loadAndDraw(state.selected, true), 150, { maxWait: 600 });

/** Articles and templates (SPEC §7) in the reply composer, drawn again with the widget. */
let responses: ResponsePicker | null = null;
/** Files attached to the reply being written (the desk's composer attaches the same way). */
const files = new PendingFiles();

const replyBox = () => ViewContext.root.querySelector<HTMLTextAreaElement>('form[data-on-submit="sendReply"] textarea[name="text"]');

function draw(): void {
    // A redraw (a push, an attached file) keeps the reply being typed, and the caret of someone typing.
    const old = replyBox();
    const typed = old?.value ?? '';
    const caret = old && document.activeElement === old ? [old.selectionStart, old.selectionEnd] as const : null;
    Context.data.view = { ...widgetView(state), files: files.list.map((f) => ({ name: f.name })) } as unknown as TJSON;
    responses?.dispose();
    responses = null;
    ViewContext.rerender();
    delete Context.data.view; // the view is for drawing only; it must not travel with RPC calls
    const box = replyBox();
    const panel = box?.form?.querySelector<HTMLElement>('.lc-responses');
    if (box && panel && state.selected) {
        box.value = typed;
        if (caret) {
            box.focus();
            box.setSelectionRange(caret[0], caret[1]);
        }
        responses = attachResponsePicker(box, panel, serverSource({ sessionId: state.selected }), (text) => UI.notify(text, 'error'));
    }
}

async function call<T>(method: string, request: Record<string, unknown>): Promise<T> {
    Context.data.request = JSON.parse(JSON.stringify(request)) as TJSON;
    try {
        await Server.rpc[method]();
        return Context.data.answer as unknown as T;
    } finally {
        delete Context.data.request;
        delete Context.data.answer;
    }
}

/** Loads the list and the selected thread; `merge` keeps older pages already shown (live updates). */
async function reload(selected: string | null, merge: boolean): Promise<void> {
    const answer = await call<LoadAnswer>('load', { selected, showSystem: state.showSystem });
    if (answer.access === 'none') {
        state = { ...initialState(), phase: 'no-access' };
        return;
    }
    const same = merge && answer.selected === state.selected;
    const thread = answer.thread ?? { sessions: [], messages: [], hasEarlier: false };
    const chosen = answer.sessions.find((s) => s.id === answer.selected);
    state = {
        ...state,
        phase: 'ready',
        error: null,
        sessions: answer.sessions,
        clients: answer.clients,
        selected: answer.selected,
        role: answer.role,
        tab: chosen?.closed ? 'archive' : state.selected === answer.selected ? state.tab : 'active',
        threadSessions: thread.sessions,
        messages: same ? mergeMessages(state.messages, thread.messages) : thread.messages,
        hasEarlier: same && state.messages.length > thread.messages.length ? state.hasEarlier : thread.hasEarlier,
        replyRefusal: answer.replyRefusal,
        newSession: answer.newSession,
    };
}

/** Follows the listed sessions, open ones first, and stops following those no longer listed. */
function follow(): void {
    const ordered = [...state.sessions.filter((s) => !s.closed), ...state.sessions.filter((s) => s.closed)];
    const wanted = new Set(ordered.slice(0, MAX_FOLLOWED).map((s) => s.id));
    if (state.selected) wanted.add(state.selected);
    for (const [id, subscription] of followed) {
        if (wanted.has(id)) continue;
        subscription.dispose();
        followed.delete(id);
    }
    for (const id of wanted) if (!followed.has(id)) followed.set(id, UI.subscribe(sessionTopic(id)));
}

async function loadAndDraw(selected: string | null, merge = false): Promise<void> {
    try {
        await reload(selected, merge);
        follow();
    } catch (error) {
        state = { ...state, phase: 'error', error: error instanceof Error ? error.message : String(error) };
    }
    draw();
}

function concerns(payload: TJSON): boolean {
    const p = (payload ?? {}) as { session?: string | { id?: string; clients?: string[] } };
    const id = typeof p.session === 'string' ? p.session : p.session?.id;
    if (id && state.sessions.some((s) => s.id === id)) return true;
    const clients = typeof p.session === 'object' ? p.session.clients ?? [] : [];
    return clients.some((c) => state.clients.includes(c));
}

export function onInit(): void {
    state = initialState();
    followed.clear();
    Context.data.item_app = Context.form?.app ?? null;
    Context.data.item_id = Context.form?.itemId ?? null;
    if (!Context.form?.itemId) state.phase = 'unsaved';
    for (const event of liveEvents) {
        UI.onEvent(`live_chats.${event}`, (payload) => {
            if (state.phase !== 'ready' || !concerns(payload)) return;
            refreshSoon();
        });
    }
    UI.onRefresh(() => {
        if (state.phase === 'ready') refreshSoon();
    });
    Context.data.view = widgetView(state) as unknown as TJSON;
}

export async function onLoad(): Promise<void> {
    delete Context.data.view;
    if (state.phase === 'unsaved') return;
    await loadAndDraw(null);
}

export async function retry(): Promise<void> {
    state = { ...state, phase: 'loading' };
    draw();
    await loadAndDraw(state.selected);
}

export async function selectSession(event: Event): Promise<void> {
    const id = (event.target as Element).closest('[data-session]')?.getAttribute('data-session');
    if (!id) return;
    if (id !== state.selected) {
        // A reply and its files belong to the session they were written for.
        files.clear();
        const box = replyBox();
        if (box) box.value = '';
    }
    await loadAndDraw(id);
}

export function showActive(): void { state = { ...state, tab: 'active' }; draw(); }
export function showArchive(): void { state = { ...state, tab: 'archive' }; draw(); }
export function toggleNewSession(): void { state = { ...state, composingNew: !state.composingNew }; draw(); }

export async function toggleSystem(event: Event): Promise<void> {
    state = { ...state, showSystem: (event.target as HTMLInputElement).checked };
    // Readers get system notes from the server only when they ask; staff already have them.
    if (state.role === 'reader' && state.showSystem) await loadAndDraw(state.selected);
    else draw();
}

export async function loadEarlier(): Promise<void> {
    const oldest = state.messages[0];
    if (typeof oldest?.seq !== 'number') return;
    const page = await call<ThreadAnswer>('loadEarlier', { session: state.selected, cursor: { beforeSeq: oldest.seq }, showSystem: state.showSystem });
    state = { ...state, messages: mergeMessages(page.messages, state.messages), hasEarlier: page.hasEarlier };
    draw();
}

/** Runs an action of a composer form, keeping the text when the server refuses it. */
async function submit(event: Event, action: (form: FormData) => Promise<string | null>, done: string): Promise<void> {
    const form = event.target as HTMLFormElement;
    state = { ...state, busy: true };
    try {
        const selected = await action(new FormData(form));
        UI.notify(done, 'success');
        state = { ...state, busy: false, composingNew: false };
        await loadAndDraw(selected ?? state.selected, true);
    } catch (error) {
        state = { ...state, busy: false };
        UI.notify(error instanceof Error ? error.message : String(error), 'error');
    }
}

export async function sendReply(event: Event): Promise<void> {
    await submit(event, async (form) => {
        await call('reply', { session: state.selected, text: String(form.get('text') ?? ''), files: replyFiles(files.list) });
        files.clear();
        const box = replyBox();
        if (box) box.value = '';
        return null;
    }, 'Reply sent');
}

export async function attach(event: Event): Promise<void> {
    await files.pick(event.target as HTMLInputElement, (text) => UI.notify(text, 'error'));
    draw();
}

export function dropFile(event: Event): void {
    files.drop(event);
    draw();
}

export async function startSession(event: Event): Promise<void> {
    await submit(event, async (form) => {
        const answer = await call<{ session: string }>('startSession', { client: String(form.get('client') ?? ''), text: String(form.get('text') ?? '') });
        return answer.session;
    }, 'Session started');
}
