/**
 * The widget's rights, from the live chat's own checks (scripts/access): who may see a
 * session's thread, reply in it, or start a session with a client. The browser only hides
 * what these would refuse; every RPC checks again.
 */
import type { UserItem } from '@brix/sdk';
import { authorize, type StaffAction } from '../../scripts/access/guard';
import { roleIn, type LineRole } from '../../scripts/access/roles';
import type { Line, Session } from '../../scripts/shared/apps';

/** Roles that may read threads through the widget: readers and staff (SPEC §10). */
const viewing: readonly LineRole[] = ['administrator', 'supervisor', 'operator', 'reader'];

export function canView(user: UserItem, line: Line): boolean {
    return viewing.includes(roleIn(user, line));
}

/** Whether the user may view any live chat at all; if not, the widget shows "no access". */
export async function viewsAnyLine(user: UserItem): Promise<boolean> {
    const lines = await Namespace.app.lines.search().size(1000).all();
    return lines.some((line) => canView(user, line));
}

/**
 * Why the user may not take `action` now, as the refusal's code, or null when they may.
 * Readers get FORBIDDEN_ROLE, Offline operators OPERATOR_OFFLINE, others' sessions NOT_YOUR_SESSION.
 */
export async function refusalOf(user: UserItem, line: Line, action: StaffAction, session?: Session): Promise<string | null> {
    try {
        await authorize(user, line, action, session);
        return null;
    } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string') return code;
        throw error;
    }
}

/** Why a reply in the session would be refused, or null. Closed and spam sessions take no reply. */
export async function replyRefusal(user: UserItem, line: Line, session: Session): Promise<string | null> {
    const role = await refusalOf(user, line, 'reply', session);
    if (role) return role;
    if (session.data.state.code === 'closed') return 'SESSION_CLOSED';
    if (session.data.state.code === 'marked_as_spam') return 'SESSION_IS_SPAM';
    return null;
}
