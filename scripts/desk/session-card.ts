/**
 * `session_card`: the information panel of the session page (SPEC §2) with names instead
 * of ids, and for each action whether the caller may take it now and, if not, why — the
 * same checks the action itself makes, so a disabled button tells the truth.
 */
import type { HttpApiRequest, HttpResponse, UserItem } from '@brix/sdk';
import { authorize, type StaffAction } from '../access/guard';
import type { LineRole } from '../access/roles';
import { clientEntries, requireLockRight, sessionClient } from '../blocklist/session-client';
import type { Line, Session } from '../shared/apps';
import { requireOpen } from '../sessions/load';
import { sessionRequest } from '../sessions/session-request';
import { ok } from '../shared/http';
import { sessionView } from '../shared/views';
import { slaCard } from '../sla/card';
import { accountCard } from '../accounts/card';
import { clientNames, userNames } from './names';
import { declaredProperties } from '../lines/custom-properties';

type DeskAction = Extract<StaffAction, 'take' | 'reply' | 'rename' | 'set_priority' | 'reassign' | 'close' | 'mark_spam' | 'unmark_spam' | 'set_properties'>;
const actions: DeskAction[] = ['take', 'reply', 'rename', 'set_priority', 'reassign', 'close', 'mark_spam', 'unmark_spam', 'set_properties'];

async function check(user: UserItem, line: Line, session: Session, action: DeskAction, internal: boolean): Promise<string | null> {
    try {
        await authorize(user, line, action, action === 'take' ? undefined : session);
        if (action === 'take') {
            if (session.data.state.code !== 'waiting') return 'The session is not waiting in the queue';
        } else if (action === 'unmark_spam') {
            if (session.data.state.code !== 'marked_as_spam') return 'The session is not marked as spam';
        } else {
            requireOpen(session);
        }
        if (action === 'mark_spam' && internal) return 'Conversations with employees cannot be spam';
        return null;
    } catch (error) {
        // ApiError comes from the host's realm: read its message rather than testing its class.
        return (error as { message?: string }).message ?? String(error);
    }
}

type LockAction = Extract<StaffAction, 'lock_client' | 'unlock_client'>;

/** Whether the session's client is locked here, and why Lock / Unlock account would be refused now. */
async function lockState(user: UserItem, line: Line, session: Session, role: LineRole): Promise<{ locked: boolean; lockable: boolean; refusals: Record<LockAction, string | null> }> {
    let locked = false;
    // Employees of the internal channel are never locked: the panel offers nothing then.
    const lockable = !(await sessionClient(session, {}).then(() => false, (e: { code?: string }) => e.code === 'INTERNAL_CLIENT'));
    const reason = async (action: LockAction): Promise<string | null> => {
        try {
            await authorize(user, line, action, session);
            await requireLockRight(role);
            const client = await sessionClient(session, {});
            locked = (await clientEntries(client, line.id)).blocking.length > 0;
            if (action === 'lock_client' && locked) return 'The client is already locked in this live chat';
            if (action === 'unlock_client' && !locked) return 'The client is not locked in this live chat';
            return null;
        } catch (error) {
            return (error as { message?: string }).message ?? String(error);
        }
    };
    const refusals = { lock_client: await reason('lock_client'), unlock_client: await reason('unlock_client') };
    return { locked, lockable, refusals };
}

export async function getSessionCard(req: HttpApiRequest): Promise<HttpResponse> {
    const { user, session, line, role } = await sessionRequest(req, 'view');
    const channel = await session.data.channel?.fetch();
    const internal = channel?.data.kind.code === 'internal';
    const view = sessionView(session);
    const reasons: Record<string, string | null> = {};
    for (const action of actions) reasons[action] = await check(user, line, session, action, internal);
    const clients = await clientNames(view.clients);
    const lock = await lockState(user, line, session, role);
    return ok({
        session: view,
        role,
        lineName: line.data.__name,
        channel: channel ? { id: channel.id, name: channel.data.__name, kind: channel.data.kind.code } : null,
        operatorName: view.operator ? (await userNames([view.operator]))[view.operator] ?? view.operator : null,
        clients: view.clients.map((id) => ({ id, name: clients[id] ?? id })),
        sla: slaCard(session),
        // null: allowed; otherwise the reason the button is disabled.
        refusals: { ...reasons, ...lock.refusals },
        clientLock: { locked: lock.locked, lockable: lock.lockable },
        account: await accountCard(user, line, session),
        // The live chat's declared custom properties with this session's values.
        properties: declaredProperties(line.data.custom_properties).map((p) => ({ ...p, value: (view.customProperties as Record<string, unknown>)[p.code] ?? null })),
    });
}
