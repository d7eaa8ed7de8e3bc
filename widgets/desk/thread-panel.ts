/**
 * The desk's thread: the shared thread view (widgets/shared/thread) fed page by page from the
 * `thread` method, scrolled upward to load earlier messages, merged with live pushes, and
 * given the desk's own per-message actions (quote, edit own message, retry a failed reply).
 */
import threadTemplate from '../shared/thread/thread.hbs';
import { mergeMessages, threadView, type AuthorKind, type DeliveryState, type ThreadMessage } from '../shared/thread/thread-view';
import { desk, region } from './desk-state';

/** A message as the live chat's API answers it. */
export interface ApiMessage {
    id: string;
    session: string;
    authorKind: AuthorKind;
    author: string | null;
    client: string | null;
    text: string;
    attachments: { name: string; url: string; size?: number }[];
    deliveryState: DeliveryState | null;
    staffOnly: boolean;
    createdAt: string;
    seq: number | null;
    editedAt: string | null;
}

interface ThreadPage {
    messages: ApiMessage[];
    hasMore: boolean;
    users: Record<string, string>;
    clients: Record<string, string>;
    sessions: Record<string, { name: string; state: string; createdAt: string }>;
}

/** Who wrote each message shown, so the desk knows which ones are the user's own. */
export const authors = new Map<string, string | null>();
const names = { users: {} as Record<string, string>, clients: {} as Record<string, string> };
let loadingEarlier = false;

export function toThreadMessage(m: ApiMessage): ThreadMessage {
    authors.set(m.id, m.author);
    const authorName = m.author ? names.users[m.author] : m.client ? names.clients[m.client] : null;
    return { ...m, authorName: authorName ?? null };
}

async function fetchPage(sessionId: string, beforeSeq?: number | null): Promise<ThreadPage> {
    const page = await Server.call<ThreadPage>('thread', { sessionId, ...(typeof beforeSeq === 'number' ? { beforeSeq: String(beforeSeq) } : {}) });
    Object.assign(names.users, page.users);
    Object.assign(names.clients, page.clients);
    return page;
}

export async function loadThread(sessionId: string): Promise<void> {
    names.users[desk.info.me] = Context.user.fullname;
    const page = await fetchPage(sessionId);
    desk.thread = {
        sessionId, sessions: page.sessions, hasEarlier: page.hasMore, sending: new Map(),
        messages: page.messages.map(toThreadMessage), showSystem: desk.info.settings.show_system_messages,
    };
    drawThread('bottom');
}

export async function loadEarlier(): Promise<void> {
    const thread = desk.thread;
    if (!thread || !thread.hasEarlier || loadingEarlier) return;
    loadingEarlier = true;
    try {
        const oldest = thread.messages.find((m) => !thread.sending.has(m.id));
        const page = await fetchPage(thread.sessionId, oldest?.seq);
        if (desk.thread !== thread) return;
        Object.assign(thread.sessions, page.sessions);
        thread.hasEarlier = page.hasMore;
        thread.messages = mergeMessages(thread.messages, page.messages.map(toThreadMessage));
        drawThread('keep');
    } finally {
        loadingEarlier = false;
    }
}

export function toggleSystem(event: Event): void {
    if (!desk.thread) return;
    desk.thread.showSystem = (event.target as HTMLInputElement).checked;
    drawThread('keep');
}

/** Adds or replaces messages (live pushes, own replies) and redraws, following the bottom. */
export function upsertMessages(messages: ThreadMessage[]): void {
    if (!desk.thread) return;
    desk.thread.messages = mergeMessages(desk.thread.messages, messages);
    drawThread('follow');
}

export function removeMessage(id: string): void {
    if (!desk.thread) return;
    desk.thread.messages = desk.thread.messages.filter((m) => m.id !== id);
}

function button(label: string, handler: string, id: string): HTMLButtonElement {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'link lc-message-action';
    b.dataset.onClick = handler;
    b.dataset.id = id;
    b.textContent = label;
    return b;
}

/** The desk's actions on each message, added next to the shared view's markup. */
function decorate(box: HTMLElement): void {
    const thread = desk.thread!;
    const card = desk.card;
    const canReply = card?.refusals.reply === null;
    for (const article of box.querySelectorAll<HTMLElement>('article[data-message]')) {
        const id = article.dataset.message!;
        const m = thread.messages.find((x) => x.id === id);
        if (!m || m.authorKind === 'system') continue;
        const tools = document.createElement('div');
        tools.className = 'lc-message-tools';
        if (canReply) tools.append(button('Quote', 'quoteMessage', id));
        const own = authors.get(id) === desk.info.me && m.authorKind === 'operator' && !thread.sending.has(id);
        if (own && canReply && desk.info.settings.allow_editing_messages) tools.append(button('Edit', 'editMessage', id));
        if (m.deliveryState === 'failed' && canReply) tools.append(button('Retry', 'retryMessage', id));
        if (tools.childElementCount) article.append(tools);
    }
}

/** Redraws the thread: at the bottom, keeping the reader's place, or following new messages if at the bottom. */
export function drawThread(mode: 'bottom' | 'keep' | 'follow'): void {
    const thread = desk.thread;
    if (!thread) return;
    const box = region('thread');
    const old = box.querySelector<HTMLElement>('.lc-thread-log');
    const fromBottom = old ? old.scrollHeight - old.scrollTop : 0;
    const wasAtBottom = !old || old.scrollHeight - old.scrollTop - old.clientHeight < 40;
    const sessions = Object.entries(thread.sessions).map(([id, s]) => ({ id, ...s }));
    box.innerHTML = threadTemplate(threadView(sessions, thread.messages, {
        currentSessionId: thread.sessionId, showSystem: thread.showSystem, hasEarlier: thread.hasEarlier,
        handlers: { loadEarlier: 'loadEarlier', toggleSystem: 'toggleSystem' },
    }));
    decorate(box);
    const log = box.querySelector<HTMLElement>('.lc-thread-log')!;
    log.tabIndex = 0;
    const toBottom = mode === 'bottom' || (mode === 'follow' && wasAtBottom);
    log.scrollTop = toBottom ? log.scrollHeight : log.scrollHeight - fromBottom;
    // Reaching the top loads the previous page: scrolling up walks back through a long history.
    log.addEventListener('scroll', () => {
        if (log.scrollTop < 60) void loadEarlier();
    });
}
