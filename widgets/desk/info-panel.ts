/**
 * The session information panel (SPEC §2) and its actions: Start work, reassign (operators
 * shown Online/Offline with their load), rename, priority, mark as spam, close, Lock account
 * (with a reason and for how long) and Unlock account. A button the
 * server would refuse is disabled with the server's reason beside it.
 */
import { uniq } from 'lodash-es';
import info from './info.hbs';
import { desk, draw, reasonOf, type SessionCard } from './desk-state';
import { panelReasons } from './panel-reasons';
import { stateNames } from './session-lists';
import { slaRows, startSlaTicker } from './sla-panel';

interface Operator { id: string; name: string; status: 'online' | 'offline'; activeSessions: number; groups: string[] }

const priorities = [{ value: '', label: 'Not set' }, { value: 'low', label: 'Low' }, { value: 'medium', label: 'Medium' }, { value: 'high', label: 'High' }];
let operators: Operator[] = [];

export async function loadCard(sessionId: string): Promise<void> {
    desk.card = await Server.call<SessionCard>('session_card', { sessionId });
    operators = desk.card.refusals.reassign === null
        ? (await Server.call<{ operators: Operator[] }>('line_operators', { lineId: desk.info.line.id })).operators
        : [];
}

function targets(card: SessionCard): { value: string; label: string }[] {
    const people = operators.filter((o) => o.id !== card.session.operator).map((o) => ({
        value: `user:${o.id}`,
        label: `${o.name} — ${o.status === 'online' ? 'Online' : 'Offline'}, ${o.activeSessions} active`,
    }));
    const groups = uniq(operators.flatMap((o) => o.groups)).map((g) => ({ value: `group:${g}`, label: `Queue of the group ${g}` }));
    return [...people, ...groups];
}

export function drawInfo(): void {
    const card = desk.card;
    if (!card) return;
    const s = card.session;
    draw('info', info, {
        name: s.name,
        createdOn: new Date(s.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
        status: stateNames[s.state] ?? s.state,
        priority: priorities.find((p) => p.value === (s.priority ?? ''))?.label,
        lineName: card.lineName,
        channel: card.channel?.name ?? '—',
        group: s.operatorGroup ?? '—',
        operator: card.operatorName ?? '—',
        externalChatName: s.externalChatName || '—',
        clients: card.clients,
        transcriptUrl: Server.url('session_transcript', { sessionId: s.id }),
        waiting: s.state === 'waiting',
        locked: card.clientLock.locked,
        lockable: card.clientLock.lockable,
        lockPeriods,
        refusals: card.refusals,
        targets: targets(card),
        priorities: priorities.map((p) => ({ ...p, selected: p.value === (s.priority ?? '') })),
        reasons: panelReasons(card),
        sla: slaRows(card.sla),
    });
    startSlaTicker();
}

/** Runs an action on the open session; the desk reloads what it changed. */
async function act(method: string, params: Record<string, string | null>, done: string): Promise<boolean> {
    const card = desk.card;
    if (!card) return false;
    try {
        await Server.call(method, { sessionId: card.session.id, ...params });
        UI.notify(done, 'success');
        return true;
    } catch (error) {
        UI.notify(reasonOf(error), 'error');
        return false;
    }
}

const field = <T extends HTMLElement>(selector: string) => desk.root.querySelector<T>(selector)!;

export const startWorkAction = () => act('take', {}, 'The session is yours');
export const closeAction = () => act('close', {}, 'Session closed');
export const spamAction = () => act('mark_spam', {}, 'Marked as spam');
export const renameAction = () => act('rename', { name: field<HTMLInputElement>('#lc-rename').value.trim() }, 'Renamed');
export const priorityAction = () => act('set_priority', { priority: field<HTMLSelectElement>('#lc-priority').value || null }, 'Priority set');

const lockPeriods = [
    { value: '', label: 'Indefinitely' }, { value: '1', label: 'For a day' }, { value: '7', label: 'For a week' }, { value: '30', label: 'For 30 days' },
];

export function lockAction(): Promise<boolean> {
    const days = Number(field<HTMLSelectElement>('#lc-lock-period').value || 0);
    const reason = field<HTMLInputElement>('#lc-lock-reason').value.trim();
    return act('lock_client', { until: days ? new Date(Date.now() + days * 86_400_000).toISOString() : null, reason: reason || null }, 'Account locked: new messages from this client go to spam');
}

export const unlockAction = () => act('unlock_client', {}, 'Account unlocked');

export function reassignAction(): Promise<boolean> {
    const [kind, value] = field<HTMLSelectElement>('#lc-reassign').value.split(/:(.*)/);
    if (!value) return Promise.resolve(false);
    return act('reassign', kind === 'user' ? { operatorId: value } : { group: value }, 'Reassigned');
}
