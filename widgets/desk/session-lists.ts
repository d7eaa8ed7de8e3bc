/**
 * The left side of the desk (SPEC §2): counters (queue for operators, unassigned for
 * supervisors; a click on the queue takes the oldest waiting session), the session groups,
 * the list of the open group or of a search, and +New session.
 */
import counters from './counters.hbs';
import groups from './groups.hbs';
import list from './list.hbs';
import newSession from './new-session.hbs';
import { desk, draw, offline, offlineReason, reasonOf, remember, supervising, type DeskInfo, type Group, type SessionInfo } from './desk-state';

const groupNames: Record<Group, string> = { active: 'Active sessions', queue: 'Queue', mine: 'My sessions', closed: 'Closed sessions', search: 'Search results' };
export const stateNames: Record<string, string> = {
    waiting: 'Waiting', assigned_to_operator: 'In work', assigned_to_bot: 'With the bot', closed: 'Closed', marked_as_spam: 'Spam',
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
    const visible: Group[] = supervising() ? ['active', 'queue', 'mine', 'closed'] : ['queue', 'mine', 'closed'];
    draw('groups', groups, {
        groups: visible.map((code) => ({
            code, name: groupNames[code], current: desk.group === code,
            hasCount: code === 'mine' || (code === 'queue' && counts.queue !== null),
            count: code === 'mine' ? counts.mine : counts.queue,
        })),
    });
}

function when(s: SessionInfo): string {
    const iso = s.lastActivityAt ?? s.createdAt;
    return iso ? new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }) : '';
}

export function drawList(): void {
    const newOffered = desk.group === 'mine';
    draw('list', list, {
        title: desk.group === 'search' ? `${groupNames.search} for “${desk.query}”` : groupNames[desk.group],
        newSession: newOffered,
        newReason: newOffered && offline() ? `${offlineReason}. Offline operators cannot start sessions.` : null,
        sessions: desk.sessions.map((s) => ({
            id: s.id, name: s.name, stateName: stateNames[s.state] ?? s.state, priority: s.priority ? priorityNames[s.priority] : null,
            when: when(s), current: desk.thread?.sessionId === s.id, unread: unread.has(s.id),
        })),
        emptyText: desk.group === 'queue' ? 'Nobody is waiting.' : desk.group === 'search' ? 'No session matches.' : 'No sessions here.',
    });
}

export async function loadList(): Promise<void> {
    if (desk.group === 'search') {
        desk.sessions = (await Server.call<{ sessions: SessionInfo[] }>('search_sessions', { lineId: desk.info.line.id, q: desk.query })).sessions;
    } else {
        const answer = await Server.call<{ sessions: SessionInfo[]; counts: { queue: number; mine: number } }>('sessions', { lineId: desk.info.line.id, view: desk.group });
        desk.sessions = answer.sessions;
    }
    drawList();
}

/** Reloads counters and the open list after something changed on the server. */
export async function refreshLists(): Promise<void> {
    await loadInfo();
    drawCounters();
    await loadList();
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
    draw('session', () => '', {});
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
