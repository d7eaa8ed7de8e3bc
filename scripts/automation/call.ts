/**
 * The common start of every method other extensions call (manifest `exports`): the params,
 * the user the call runs for — the calling script's user or its service user, as the host
 * decides — and, for a session, the session, its live chat and the role check. Rights are
 * the desk's, without the Online status an unattended script never has.
 */
import type { UserItem } from '@brix/sdk';
import { authorizeScript } from '../access/guard';
import type { StaffAction } from '../access/guard';
import { caller, type LineRole } from '../access/roles';
import type { Line, Session } from '../shared/apps';
import { refusal } from '../shared/errors';
import type { Input } from '../shared/http';
import { loadSession } from '../sessions/load';

export interface ScriptCall {
    values: Input;
    user: UserItem;
}

export interface SessionCall extends ScriptCall {
    session: Session;
    line: Line;
    role: LineRole;
}

export async function scriptCall(): Promise<ScriptCall> {
    const params = Context.data.params;
    if (typeof params !== 'object' || params === null || Array.isArray(params)) throw refusal('VALIDATION_FAILED', 'The params must be a JSON object');
    return { values: params as Input, user: await caller() };
}

export async function sessionCall(action: StaffAction): Promise<SessionCall> {
    const { values, user } = await scriptCall();
    const { session, line } = await loadSession(values);
    const role = authorizeScript(user, line, action, session);
    return { values, user, session, line, role };
}
