/**
 * Who may search and render response templates, and for what (SPEC §7, §11): in a session,
 * exactly whoever may reply to it (the same guard, Online and ownership included); in the
 * Messages workspace, an employee who may write to the live chat and who reads the Templates
 * app (its operators and supervisors groups, or an administrator).
 */
import type { UserItem } from '@brix/sdk';
import { authorize } from '../access/guard';
import { ADMINISTRATORS, caller } from '../access/roles';
import { isInternalCustomer } from '../channels/internal/customer';
import { loadLine, loadSession } from '../sessions/load';
import type { Line, Session } from '../shared/apps';
import { refusal } from '../shared/errors';
import { optionalText, type Input } from '../shared/http';

/** The extension's groups that read the Templates and Articles apps (manifest/apps/templates.json). */
const readingGroups = [ADMINISTRATORS, 'supervisors', 'operators'];

export interface Responder {
    user: UserItem;
    line: Line;
    /** The session the reply is for; none when an employee writes from the Messages workspace. */
    session: Session | null;
}

/** @throws ApiError VALIDATION_FAILED, NOT_FOUND, FORBIDDEN_ROLE, OPERATOR_OFFLINE, NOT_YOUR_SESSION */
export async function responder(values: Input): Promise<Responder> {
    const user = await caller();
    if (values.sessionId !== undefined) {
        const { session, line } = await loadSession(values);
        await authorize(user, line, 'reply', session);
        return { user, line, session };
    }
    const lineId = optionalText(values, 'lineId', 100);
    if (!lineId) throw refusal('VALIDATION_FAILED', 'sessionId or lineId is required', { sessionId: 'is required' });
    const line = await loadLine(lineId);
    if (!isInternalCustomer(user, line)) throw refusal('FORBIDDEN_ROLE', 'You are not an internal customer of this live chat');
    if (!readingGroups.some((g) => user.data.groupIds.includes(g))) throw refusal('FORBIDDEN_ROLE', 'Response templates are for operators and supervisors');
    return { user, line, session: null };
}
