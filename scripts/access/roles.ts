/**
 * Who the caller is for one live chat (SPEC §1, §11). Rights are decided from this role
 * and the Online/Offline status, never from what the UI shows.
 */
import type { UserItem } from '@brix/sdk';
import { groupCodes, type Line } from '../shared/apps';

export type LineRole = 'administrator' | 'supervisor' | 'operator' | 'reader' | 'internal' | 'outsider';

const ADMINISTRATORS = 'administrators';

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
