/**
 * The message thread every live-chat widget shows (the reader's widget on app forms, the
 * operator's desk): plain data in, a view model out, drawn by `thread.hbs`.
 *
 * Stable API — add to it, do not change it:
 * - `threadView(sessions, messages, options)` → `ThreadView`, the partial's context;
 * - `mergeMessages(known, incoming)` for paging and live updates (dedupes by id, oldest first);
 * - `authorLabel`, `deliveryBadge`, `formatMessageTime`, `safeUrl`: the pieces it is made of.
 *
 * Use it from a widget template with `{{> ../shared/thread/thread thread}}` after setting
 * `Context.data.thread = threadView(...)`. The partial escapes everything (`{{…}}` only);
 * links pass through `safeUrl` so a `javascript:` URL never becomes clickable.
 */

export type AuthorKind = 'client' | 'operator' | 'system' | 'bot';
export type DeliveryState = 'received' | 'pending' | 'delivered' | 'failed';

/** A message as the live chat's API answers it (`messageView` on the server). */
export interface ThreadMessage {
    id: string;
    session: string;
    authorKind: AuthorKind;
    /** Display name of the author; the kind's label is used when absent. */
    authorName?: string | null;
    text: string;
    attachments?: readonly { name: string; url: string; size?: number }[];
    deliveryState?: DeliveryState | null;
    /** System notes only staff (and readers who ask) see. */
    staffOnly?: boolean;
    /** ISO date-time. */
    createdAt: string;
    /** The place in the thread (the server numbers it); absent while a reply is being sent. */
    seq?: number | null;
    editedAt?: string | null;
    /** ISO date-time of the last change; a copy older than the one shown is ignored. */
    updatedAt?: string | null;
}

/** A session the thread shows messages of. */
export interface ThreadSession {
    id: string;
    name: string;
    /** State code: waiting, assigned_to_operator, closed, … */
    state: string;
    /** ISO date-time. */
    createdAt: string;
}

export interface ThreadOptions {
    /** The session the user picked: drawn last, marked current. */
    currentSessionId?: string | null;
    /** Show system messages (author kind `system` or staff-only notes). */
    showSystem: boolean;
    /** More, older messages exist on the server: offer "Load earlier messages". */
    hasEarlier: boolean;
    /** IANA time zone of the viewer; the browser's when absent. */
    timeZone?: string;
    /** "Now", for "today" formatting in tests. */
    now?: Date;
    /** Handler names the partial's controls call (`data-on-click` / `data-on-change`). */
    handlers?: { loadEarlier?: string; toggleSystem?: string };
    /** What an empty thread says. */
    emptyText?: string;
    /**
     * Whose messages are the viewer's own side, drawn on the right: the staff's (operator,
     * bot and automatic replies; the default) or the client's (the Messages workspace).
     */
    ownSide?: 'staff' | 'client';
}

export interface ThreadMessageView {
    id: string;
    kind: AuthorKind;
    author: string;
    text: string;
    iso: string;
    time: string;
    edited: boolean;
    delivery: { code: DeliveryState; label: string } | null;
    attachments: { name: string; url: string | null }[];
    /** `out` on the viewer's own side (right), `in` on the other's (left). */
    side: 'in' | 'out';
    /** A note only staff see (a system note, an automation's note). */
    note: boolean;
    /** A message the system sent the client on its own (automatic reply, queue position). */
    automatic: boolean;
}

export interface ThreadGroupView {
    id: string;
    title: string;
    started: string;
    closed: boolean;
    current: boolean;
    messages: ThreadMessageView[];
}

/** The context of `thread.hbs`. */
export interface ThreadView {
    groups: ThreadGroupView[];
    empty: boolean;
    emptyText: string;
    hasEarlier: boolean;
    showSystem: boolean;
    hiddenSystemCount: number;
    handlers: { loadEarlier: string; toggleSystem: string };
}

const kindLabels: Record<AuthorKind, string> = { client: 'Client', operator: 'Operator', system: 'System', bot: 'Bot' };

const deliveryLabels: Record<DeliveryState, string | null> = {
    received: null, // inbound messages: nothing to say
    pending: 'Sending…',
    delivered: 'Delivered',
    failed: 'Not delivered',
};

export function authorLabel(m: Pick<ThreadMessage, 'authorKind' | 'authorName'>): string {
    return m.authorName?.trim() || kindLabels[m.authorKind] || 'Unknown';
}

/** The badge of an outbound message's delivery, or null when there is nothing to show. */
export function deliveryBadge(state: DeliveryState | null | undefined): { code: DeliveryState; label: string } | null {
    const label = state ? deliveryLabels[state] : null;
    return state && label ? { code: state, label } : null;
}

/** Only http(s), mailto and same-site paths become links; anything else (javascript:, data:) does not. */
export function safeUrl(url: string): string | null {
    const trimmed = url.trim();
    if (/^\/(?!\/)/.test(trimmed)) return trimmed;
    return /^(https?:|mailto:)/i.test(trimmed) ? trimmed : null;
}

/** "14:05" today, "3 Mar, 14:05" this year, "3 Mar 2024, 14:05" before, in the viewer's zone. */
export function formatMessageTime(iso: string, options: { timeZone?: string; now?: Date } = {}): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    const zone = options.timeZone;
    const day = (d: Date) => d.toLocaleDateString('en-CA', { timeZone: zone });
    const now = options.now ?? new Date();
    const time = date.toLocaleTimeString('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
    if (day(date) === day(now)) return time;
    const sameYear = day(date).slice(0, 4) === day(now).slice(0, 4);
    const dayText = date.toLocaleDateString('en-GB', { timeZone: zone, day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) });
    return `${dayText}, ${time}`;
}

/** Sent to the client by the system on its own: outbound like a reply, not a staff note. */
const isAutomatic = (m: ThreadMessage) => m.authorKind === 'system' && m.staffOnly === false;
const isSystem = (m: ThreadMessage) => (m.authorKind === 'system' && !isAutomatic(m)) || Boolean(m.staffOnly);

/**
 * Whether `m` is an older copy than `shown`: pushes and answers can arrive out of order
 * (a Delivered push before the reply's own answer), and the later change must stay.
 */
function isOlder(m: ThreadMessage, shown: ThreadMessage): boolean {
    if (!m.updatedAt || !shown.updatedAt) return false;
    if (m.updatedAt !== shown.updatedAt) return m.updatedAt < shown.updatedAt;
    return m.deliveryState === 'pending' && shown.deliveryState !== 'pending';
}

/**
 * Thread order: by the server's seq (two messages can share a millisecond); a message not
 * numbered yet, being sent, goes after those that are.
 */
function threadOrder(a: ThreadMessage, b: ThreadMessage): number {
    const x = a.seq ?? null;
    const y = b.seq ?? null;
    if (x !== null && y !== null) return x - y;
    if (x !== null || y !== null) return x === null ? 1 : -1;
    return a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** Known and newly fetched messages together: each once (the newer copy wins), in thread order. */
export function mergeMessages(known: readonly ThreadMessage[], incoming: readonly ThreadMessage[]): ThreadMessage[] {
    const byId = new Map<string, ThreadMessage>();
    for (const m of [...known, ...incoming]) {
        const shown = byId.get(m.id);
        if (!shown || !isOlder(m, shown)) byId.set(m.id, m);
    }
    return [...byId.values()].sort(threadOrder);
}

function sideOf(m: ThreadMessage, options: ThreadOptions): 'in' | 'out' {
    if (options.ownSide === 'client') return m.authorKind === 'client' ? 'out' : 'in';
    return m.authorKind === 'client' || isSystem(m) ? 'in' : 'out';
}

function messageView(m: ThreadMessage, options: ThreadOptions): ThreadMessageView {
    const automatic = isAutomatic(m);
    return {
        id: m.id,
        kind: m.authorKind,
        side: sideOf(m, options),
        note: isSystem(m),
        automatic,
        author: automatic && !m.authorName?.trim() ? 'Automatic reply' : authorLabel(m),
        text: m.text,
        iso: m.createdAt,
        time: formatMessageTime(m.createdAt, options),
        edited: Boolean(m.editedAt),
        delivery: m.authorKind === 'client' ? null : deliveryBadge(m.deliveryState),
        attachments: (m.attachments ?? []).map((a) => ({ name: a.name, url: safeUrl(a.url) })),
    };
}

/**
 * Groups messages by session, earlier sessions above the current one (SPEC §3.2: a returning
 * client's history stays above), and hides system messages unless asked. Sessions without
 * a visible message are left out, except the current one.
 */
export function threadView(sessions: readonly ThreadSession[], messages: readonly ThreadMessage[], options: ThreadOptions): ThreadView {
    const visible = messages.filter((m) => options.showSystem || !isSystem(m));
    const ordered = [...sessions].sort((a, b) => {
        if (a.id === options.currentSessionId) return 1;
        if (b.id === options.currentSessionId) return -1;
        return a.createdAt.localeCompare(b.createdAt);
    });
    const groups = ordered.map((s) => ({
        id: s.id,
        title: s.name,
        started: formatMessageTime(s.createdAt, options),
        closed: s.state === 'closed',
        current: s.id === options.currentSessionId,
        messages: mergeMessages([], visible.filter((m) => m.session === s.id)).map((m) => messageView(m, options)),
    })).filter((g) => g.current || g.messages.length > 0);
    return {
        groups,
        empty: groups.every((g) => g.messages.length === 0),
        emptyText: options.emptyText ?? 'No messages yet',
        hasEarlier: options.hasEarlier,
        showSystem: options.showSystem,
        hiddenSystemCount: messages.length - visible.length,
        handlers: { loadEarlier: options.handlers?.loadEarlier ?? 'loadEarlier', toggleSystem: options.handlers?.toggleSystem ?? 'toggleSystem' },
    };
}
