/**
 * The common start of every action on one session: read the request, know the caller,
 * load the session and its live chat (404 first), and check the permission.
 */
import type { HttpApiRequest, UserItem } from '@brix/sdk';
import { authorize, type StaffAction } from '../access/guard';
import { caller, type LineRole } from '../access/roles';
import type { Line, Session } from '../shared/apps';
import { input, type Input } from '../shared/http';
import { loadSession } from './load';

export interface SessionRequest {
    values: Input;
    user: UserItem;
    session: Session;
    line: Line;
    role: LineRole;
}

export async function sessionRequest(req: HttpApiRequest, action: StaffAction): Promise<SessionRequest> {
    const values = input(req);
    const user = await caller();
    const { session, line } = await loadSession(values);
    const role = await authorize(user, line, action, session);
    return { values, user, session, line, role };
}
