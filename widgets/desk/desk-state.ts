/**
 * The desk's state for one mounted widget: what the server said about the live chat, the
 * open group and session, and the helpers that draw a region from its template. Regions are
 * redrawn separately so a live update never wipes what the operator is typing.
 */
import type { ThreadMessage } from '../shared/thread/thread-view';
import type { SlaCardView } from './sla-view';

export type Group = 'active' | 'queue' | 'mine' | 'closed' | 'spam' | 'search';

export interface SessionInfo {
    id: string;
    name: string;
    line: string;
    channel: string | null;
    clients: string[];
    state: string;
    priority: string | null;
    operator: string | null;
    operatorGroup: string | null;
    externalChatName: string | null;
    createdAt: string;
    lastActivityAt: string | null;
    waitingSince: string | null;
}

/** A session as the lists show it (scripts/sessions/list-rows.ts). */
export interface SessionRow extends SessionInfo {
    clientName: string | null;
    channelKind: string | null;
    channelName: string | null;
    preview: string | null;
    unread: number;
    sla: 'overdue' | 'warning' | null;
}

export interface DeskInfo {
    line: { id: string; name: string };
    me: string;
    role: 'administrator' | 'supervisor' | 'operator';
    status: 'online' | 'offline';
    counts: { queue: number | null; mine: number; unassigned: number | null };
    settings: { send_with: 'ctrl_enter' | 'enter' | 'button'; allow_editing_messages: boolean; show_system_messages: boolean; sounds: boolean };
    channels: { id: string; name: string }[];
}

export interface SessionCard {
    session: SessionInfo;
    role: string;
    lineName: string;
    channel: { id: string; name: string; kind: string } | null;
    operatorName: string | null;
    clients: { id: string; name: string }[];
    refusals: Record<'take' | 'reply' | 'rename' | 'set_priority' | 'reassign' | 'close' | 'mark_spam' | 'unmark_spam' | 'lock_client' | 'unlock_client' | 'set_properties', string | null>;
    /** The live chat's custom session properties with this session's values. */
    properties?: { code: string; name: string; type: 'string' | 'number' | 'boolean' | 'date'; value: string | number | boolean | null }[];
    /** Whether the session's client is on the blocklist of this live chat now. */
    clientLock: { locked: boolean; lockable: boolean };
    /** The live chat's account app and the item the client is bound to; null when the live chat binds none. */
    account?: { app: string; appName: string; bound: { id: string; name: string } | null; refusal: string | null } | null;
    /** The SLA the session was distributed with, or null. */
    sla: SlaCardView | null;
}

export interface ThreadState {
    sessionId: string;
    messages: ThreadMessage[];
    sessions: Record<string, { name: string; state: string; createdAt: string }>;
    hasEarlier: boolean;
    showSystem: boolean;
    /** Replies sent from this tab that the server has not answered yet, by temporary id. */
    sending: Map<string, ThreadMessage>;
}

export const desk = {
    root: null as unknown as HTMLElement,
    info: null as unknown as DeskInfo,
    group: 'queue' as Group,
    sessions: [] as SessionRow[],
    query: '',
    card: null as SessionCard | null,
    thread: null as ThreadState | null,
    /** Set while the +New session form is open instead of a session. */
    composingNew: false,
};

export const offline = () => desk.info.status === 'offline';
export const supervising = () => desk.info.role === 'supervisor' || desk.info.role === 'administrator';
export const offlineReason = 'You are Offline: switch to Online in the user menu to work on sessions';

/** The element of a region (`data-region="…"`) of the desk. */
export function region(name: string): HTMLElement {
    const found = desk.root.querySelector<HTMLElement>(`[data-region="${name}"]`);
    if (!found) throw new Error(`The desk has no region ${name}`);
    return found;
}

/** Draws a region from a compiled template; templates escape every value ({{…}} only). */
export function draw(name: string, template: (data: unknown) => string, data: unknown): HTMLElement {
    const box = region(name);
    box.innerHTML = template(data);
    return box;
}

/** The error text of a failed call, as the server worded it. */
export function reasonOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}

/** Keeps the address in step with what is open, so a reload or a shared link shows the same. */
export function remember(): void {
    const params = new URLSearchParams(location.search);
    params.set('line', desk.info.line.id);
    params.set('view', desk.group === 'search' ? 'queue' : desk.group);
    if (desk.thread) params.set('session', desk.thread.sessionId);
    else params.delete('session');
    history.replaceState(history.state, '', `${location.pathname}?${params}`);
}
