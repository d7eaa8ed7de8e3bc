/**
 * Who the caller is for one live chat (SPEC §1, §11). Rights are decided from this role
 * and the Online/Offline status, never from what the UI shows.
 */
import type { UserItem } from '@brix/sdk';
import { groupCodes, type Line } from '../shared/apps';

export type LineRole = 'administrator' | 'supervisor' | 'operator' | 'reader' | 'internal' | 'outsider';

/** The host's group of administrators: they hold every right in every live chat. */
export const ADMINISTRATORS = 'administrators';

/** How a refusal names someone by their role in a live chat, article included. */
const asSubject: Record<LineRole, string> = {
    administrator: 'An administrator',
    supervisor: 'A supervisor of this live chat',
    operator: 'An operator of this live chat',
    reader: 'A reader of this live chat',
    internal: 'An internal customer of this live chat',
    outsider: 'Someone with no role in this live chat',
};

/** The role as the subject of a refusal: "An operator of this live chat cannot …". */
export function roleSubject(role: LineRole): string {
    return asSubject[role];
}

/** The strongest role the user holds in the live chat. */
export function roleIn(user: UserItem, line: Line): LineRole {
    const groups = user.data.groupIds;
    const has = (codes: string[]) => codes.some((c) => groups.includes(c));
    if (groups.includes(ADMINISTRATORS)) return 'administrator';
    if (has(groupCodes(line.data.supervisor_groups))) return 'supervisor';
    if (has(groupCodes(line.data.operator_groups))) return 'operator';
    if (has(groupCodes(line.data.reader_groups))) return 'reader';
    if (has(groupCodes(line.data.internal_customer_groups))) return 'internal';
    return 'outsider';
}

/** Whether the user is one of the live chat's operators (by an operator group). */
export function isOperatorOf(user: UserItem, line: Line): boolean {
    return groupCodes(line.data.operator_groups).some((c) => user.data.groupIds.includes(c));
}

/** The signed-in caller. API methods always have one; the host answers 401 otherwise. */
export async function caller(): Promise<UserItem> {
    const user = await System.users.getCurrentUser();
    if (!user) throw new ApiError('UNAUTHORIZED', 'Sign in first', 401);
    return user;
}

/** @throws ApiError FORBIDDEN_ROLE unless the user is an administrator. */
export function requireAdministrator(user: UserItem): void {
    if (!user.data.groupIds.includes(ADMINISTRATORS)) throw new ApiError('FORBIDDEN_ROLE', 'Only administrators can do this', 403);
}
