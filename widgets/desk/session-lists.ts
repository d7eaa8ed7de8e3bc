/**
 * The left side of the desk (SPEC §2): counters (queue for operators, unassigned for
 * supervisors; a click on the queue takes the oldest waiting session), the session groups,
 * the list of the open group or of a search, and +New session.
 */
import counters from './counters.hbs';
import groups from './groups.hbs';
import list from './list.hbs';
import newSession from './new-session.hbs';
import { drawIdle } from './shortcuts';
import { desk, draw, offline, offlineReason, reasonOf, remember, supervising, type DeskInfo, type Group, type SessionInfo, type SessionRow } from './desk-state';

const groupNames: Record<Group, string> = { active: 'Active sessions', queue: 'Queue', mine: 'My sessions', closed: 'Closed sessions', spam: 'Spam', search: 'Search results' };
export const stateNames: Record<string, string> = {
    waiting: 'Waiting', assigned_to_operator: 'In work', assigned_to_bot: 'With the bot', closed: 'Closed', marked_as_spam: 'Marked as spam',
};
const priorityNames: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** Sessions with client messages the user has not opened since they arrived. */
export const unread = new Set<string>();

export async function loadInfo(): Promise<void> {
    desk.info = await Server.call<DeskInfo>('desk', { lineId: String(Context.data.line ?? '') });
}

export function drawCounters(): void {
    const { counts } = desk.info;
    draw('counters', counters, {
        showQueue: counts.queue !== null,
        queue: counts.queue,
        takeReason: offline() ? offlineReason : counts.queue === 0 ? 'Nobody is waiting' : null,
        showUnassigned: counts.unassigned !== null,
        unassigned: counts.unassigned,
        status: desk.info.status,
        statusName: desk.info.status === 'online' ? 'Online' : 'Offline',
        offlineReason: offline() ? offlineReason : null,
    });
    const visible: Group[] = supervising() ? ['active', 'queue', 'mine', 'closed', 'spam'] : ['queue', 'mine', 'closed'];
    draw('groups', groups, {
        groups: visible.map((code) => ({
            code, name: groupNames[code], current: desk.group === code,
            hasCount: code === 'mine' || (code === 'queue' && counts.queue !== null),
            count: code === 'mine' ? counts.mine : counts.queue,
        })),
    });
}

/** Today's time, or the date of an older day: what a list row needs to tell. */
function when(s: SessionInfo): { when: string; iso: string } {
    const iso = s.lastActivityAt ?? s.createdAt;
    if (!iso) return { when: '', iso: '' };
    const date = new Date(iso);
    const today = date.toDateString() === new Date().toDateString();
    const text = today
        ? date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
        : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
    return { when: text, iso };
}

const channelMarks: Record<string, string> = { internal: 'M', other: 'B', telegram: 'T', email: '@', website: 'W' };

function initials(name: string): string {
    const words = name.replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter(Boolean);
    return ((words[0]?.[0] ?? '?') + (words[1]?.[0] ?? '')).toUpperCase();
}

/** A steady colour per client, so the same person looks the same in every list. */
function hue(name: string): number {
    let h = 0;
    for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 6;
    return h;
}

const emptyTexts: Record<Group, [string, string | null]> = {
    queue: ['Nobody is waiting.', 'New client messages appear here; you are notified when one arrives.'],
    mine: ['No sessions are assigned to you.', 'Take the next waiting session with "Take next" (key T), or start one with + New session.'],
    active: ['No open sessions in this live chat.', 'Sessions appear here as soon as a client writes.'],
    closed: ['No closed sessions yet.', null],
    spam: ['No spam.', 'Sessions marked as spam wait here: open one to Remove from spam.'],
    search: ['No session matches.', 'Search looks in session names and message text.'],
};

export function drawList(): void {
    const newOffered = desk.group === 'mine';
    const [emptyText, emptyHint] = emptyTexts[desk.group];
    draw('list', list, {
        title: desk.group === 'search' ? `${groupNames.search} for “${desk.query}”` : groupNames[desk.group],
        newSession: newOffered,
        newReason: newOffered && offline() ? `${offlineReason}. Offline operators cannot start sessions.` : null,
        sessions: desk.sessions.map((s) => {
            const current = desk.thread?.sessionId === s.id;
            const client = s.clientName || s.name;
            const unreadCount = current ? 0 : Math.max(s.unread ?? 0, unread.has(s.id) ? 1 : 0);
            return {
                id: s.id, name: s.name, client, initials: initials(client), hue: hue(client),
                channelKind: s.channelKind ?? 'none', channelName: s.channelName ?? 'unknown channel', channelMark: channelMarks[s.channelKind ?? ''] ?? '?',
                state: s.state, stateName: stateNames[s.state] ?? s.state,
                priority: s.priority ? priorityNames[s.priority] : null, priorityCode: s.priority,
                sla: s.sla, slaName: s.sla === 'overdue' ? 'SLA overdue' : s.sla === 'warning' ? 'SLA soon' : null,
                preview: s.preview, ...when(s), current, unread: unreadCount,
            };
        }),
        emptyText, emptyHint,
    });
}

export async function loadList(): Promise<void> {
    if (desk.group === 'search') {
        desk.sessions = (await Server.call<{ sessions: SessionRow[] }>('search_sessions', { lineId: desk.info.line.id, q: desk.query })).sessions;
    } else {
        const answer = await Server.call<{ sessions: SessionRow[]; counts: { queue: number; mine: number } }>('sessions', { lineId: desk.info.line.id, view: desk.group });
        desk.sessions = answer.sessions;
    }
    drawList();
}

/** Reloads counters and the open list after something changed on the server. */
export async function refreshLists(): Promise<void> {
    await loadInfo();
    drawCounters();
    await loadList();
    // Only an idle side follows the queue's count: a session being opened keeps its frame.
    if (desk.root.querySelector('[data-region="session"] > .lc-idle')) drawIdle();
}

export async function showGroup(event: Event): Promise<void> {
    const code = (event.target as Element).closest<HTMLElement>('[data-group]')?.dataset.group as Group | undefined;
    if (!code) return;
    desk.group = code;
    drawCounters();
    await loadList();
    remember();
}

export async function search(event: Event): Promise<void> {
    const q = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    if (!q) return showGroup({ target: desk.root.querySelector('[data-group="queue"]') } as unknown as Event);
    desk.group = 'search';
    desk.query = q;
    drawCounters();
    await loadList();
}

export function openNewSession(): void {
    desk.composingNew = true;
    draw('session', newSession, { channels: desk.info.channels });
}

export function cancelNewSession(): void {
    desk.composingNew = false;
    drawIdle();
}

/** @returns the new session's id, to open it. */
export async function createSessionFrom(form: HTMLFormElement): Promise<string | null> {
    const values = Object.fromEntries(new FormData(form)) as Record<string, string>;
    try {
        const answer = await Server.call<{ session: SessionInfo }>('new_session', {
            channelId: values.channelId, externalUserId: values.externalUserId.trim(),
            externalChatName: values.externalChatName.trim() || undefined, text: values.text,
        });
        desk.composingNew = false;
        return answer.session.id;
    } catch (error) {
        UI.notify(reasonOf(error), 'error');
        return null;
    }
}
