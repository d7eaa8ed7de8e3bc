/**
 * The session information panel (SPEC §2) and its actions: Start work; name, priority and
 * operator edited in place (operators shown Online/Offline with their load); mark as spam
 * and, for supervisors, Remove from spam; Close after a confirmation and a few seconds in
 * which it can be undone (nothing reaches the server before); Lock account (with a reason
 * and for how long) and Unlock account. A control the server would refuse is disabled with
 * the server's reason beside it.
 */
import { uniq } from 'lodash-es';
import info from './info.hbs';
import { desk, draw, reasonOf, type SessionCard } from './desk-state';
import { panelReasons } from './panel-reasons';
import { stateNames } from './session-lists';
import { slaRows, startSlaTicker } from './sla-panel';
import { propertyRows } from './properties-panel';
import { InlineEdits } from './inline-edit';

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

/** The panel's name, priority, operator and property fields, kept from pushes while edited. */
const edits = new InlineEdits(() => desk.root?.querySelector<HTMLElement>('[data-region="info"]') ?? null);

export function drawInfo(): void {
    edits.draw(drawCard);
}

function drawCard(): void {
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
        spam: s.state === 'marked_as_spam',
        closing: closing && closing.sessionId === s.id ? { counting: closing.timer !== null, seconds: closing.seconds } : null,
        locked: card.clientLock.locked,
        lockable: card.clientLock.lockable,
        lockPeriods,
        refusals: card.refusals,
        targets: targets(card),
        priorities: priorities.map((p) => ({ ...p, selected: p.value === (s.priority ?? '') })),
        reasons: panelReasons(card),
        sla: slaRows(card.sla),
        account: card.account ?? null,
        properties: propertyRows(card),
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
export const unmarkSpamAction = () => act('unmark_spam', {}, 'Removed from spam');
export const spamAction = () => act('mark_spam', {}, 'Marked as spam');

export function renameAction(): Promise<boolean> {
    const name = field<HTMLInputElement>('#lc-rename').value.trim();
    if (!name || name === desk.card?.session.name) return Promise.resolve(false);
    return act('rename', { name }, 'Renamed');
}

export function priorityAction(): Promise<boolean> {
    const priority = field<HTMLSelectElement>('#lc-priority').value || null;
    if (priority === (desk.card?.session.priority ?? null)) return Promise.resolve(false);
    return act('set_priority', { priority }, 'Priority set');
}

/** Seconds a confirmed Close waits for an Undo before it is sent. */
export const UNDO_SECONDS = 5;
let closing: { sessionId: string; seconds: number; timer: ReturnType<typeof setInterval> | null; done: (closed: boolean) => void } | null = null;

/** Close session: asks first; the answer comes once the close was sent or given up. */
export function askToClose(): Promise<boolean> {
    const card = desk.card;
    if (!card) return Promise.resolve(false);
    closing?.done(false);
    return new Promise((done) => {
        closing = { sessionId: card.session.id, seconds: UNDO_SECONDS, timer: null, done };
        drawInfo();
    });
}

/** Confirmed: counts down with an Undo, then closes — even if another session was opened meanwhile. */
export function confirmClose(): void {
    const pending = closing;
    if (!pending || pending.timer) return;
    pending.timer = setInterval(() => {
        pending.seconds -= 1;
        if (pending.seconds > 0) {
            if (desk.card?.session.id === pending.sessionId) drawInfo();
            return;
        }
        clearInterval(pending.timer!);
        closing = null;
        void Server.call('close', { sessionId: pending.sessionId }).then(
            () => { UI.notify('Session closed', 'success'); pending.done(true); },
            (error: unknown) => { UI.notify(reasonOf(error), 'error'); pending.done(false); },
        );
    }, 1000);
    drawInfo();
}

export function undoClose(): void {
    const pending = closing;
    if (!pending) return;
    if (pending.timer) clearInterval(pending.timer);
    closing = null;
    drawInfo();
    pending.done(false);
}

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
    field<HTMLSelectElement>('#lc-reassign').value = '';
    if (!value) return Promise.resolve(false);
    return act('reassign', kind === 'user' ? { operatorId: value } : { group: value }, 'Reassigned');
}
