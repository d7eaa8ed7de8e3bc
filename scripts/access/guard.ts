/**
 * The permission check every staff action passes (SPEC §3.3, §11), in one order so that
 * refusals are predictable: role first (FORBIDDEN_ROLE), then status (OPERATOR_OFFLINE),
 * then ownership (NOT_YOUR_SESSION). State checks come after, in the action.
 */
import type { UserItem } from '@brix/sdk';
import { isOnline } from '../operators/status';
import type { Line, Session } from '../shared/apps';
import { refusal } from '../shared/errors';
import { roleIn, roleSubject, type LineRole } from './roles';

export type StaffAction =
    | 'view' | 'take' | 'reply' | 'edit_message' | 'rename' | 'set_priority' | 'reassign'
    | 'close' | 'mark_spam' | 'unmark_spam' | 'new_session' | 'system_note' | 'mark_read'
    | 'lock_client' | 'unlock_client' | 'bind_account' | 'set_properties';

const staff: readonly LineRole[] = ['administrator', 'supervisor', 'operator'];

/** Who may do each action; readers only view (SPEC §1), and only supervisors restore spam. */
const allowed: Record<StaffAction, readonly LineRole[]> = {
    view: [...staff, 'reader'],
    take: staff,
    reply: staff,
    edit_message: staff,
    rename: staff,
    set_priority: staff,
    reassign: staff,
    close: staff,
    mark_spam: staff,
    unmark_spam: ['administrator', 'supervisor'],
    new_session: staff,
    system_note: staff,
    mark_read: staff,
    // Operators only while the global setting allows it (blocklist/lock-access.ts).
    lock_client: staff,
    unlock_client: staff,
    bind_account: staff,
    set_properties: staff,
};

/** Actions that only follow from looking, so Offline users may take them too. */
const passive: readonly StaffAction[] = ['view', 'mark_read'];

/** Actions an operator may take only on a session assigned to them. */
const ownSessionOnly: readonly StaffAction[] = ['reply', 'rename', 'set_priority', 'reassign', 'close', 'mark_spam', 'system_note', 'mark_read', 'lock_client', 'unlock_client', 'bind_account', 'set_properties'];

/**
 * The check of a call from another extension's script (automation API): the same roles and
 * ownership, but no Online status — a script or service user is never at the desk.
 * @throws ApiError FORBIDDEN_ROLE or NOT_YOUR_SESSION.
 */
export function authorizeScript(user: UserItem, line: Line, action: StaffAction, session?: Session): LineRole {
    const role = roleIn(user, line);
    if (!allowed[action].includes(role)) throw refusal('FORBIDDEN_ROLE', `${roleSubject(role)} cannot ${action.replaceAll('_', ' ')}`);
    if (role === 'operator' && session && ownSessionOnly.includes(action) && session.data.operator?.id !== user.id) {
        throw refusal('NOT_YOUR_SESSION', 'The session is not assigned to you');
    }
    return role;
}

/**
 * @returns the caller's role in the live chat.
 * @throws ApiError FORBIDDEN_ROLE, OPERATOR_OFFLINE or NOT_YOUR_SESSION.
 */
export async function authorize(user: UserItem, line: Line, action: StaffAction, session?: Session): Promise<LineRole> {
    const role = roleIn(user, line);
    if (!allowed[action].includes(role)) throw refusal('FORBIDDEN_ROLE', `${roleSubject(role)} cannot ${action.replaceAll('_', ' ')}`);
    if (!passive.includes(action) && !(await isOnline(user.id))) throw refusal('OPERATOR_OFFLINE', 'Switch to Online to work on sessions');
    if (role === 'operator' && session && ownSessionOnly.includes(action) && session.data.operator?.id !== user.id) {
        throw refusal('NOT_YOUR_SESSION', 'The session is not assigned to you');
    }
    return role;
}
