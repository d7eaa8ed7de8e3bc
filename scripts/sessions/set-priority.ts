/**
 * Change priority (SPEC §3.1): Low, Medium, High, or null for "not set".
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller } from '../access/roles';
import type { Priority } from '../shared/apps';
import { refusal } from '../shared/errors';
import { input, ok } from '../shared/http';
import { publishToStaff } from '../shared/publish';
import { enumOf } from '../shared/values';
import { sessionView } from '../shared/views';
import { withFreshSession } from './fresh';
import { loadSession, requireOpen } from './load';

const priorities: readonly (Priority | null)[] = ['low', 'medium', 'high', null];

export async function setSessionPriority(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const { session, line } = await loadSession(values);
    await authorize(user, line, 'set_priority', session);
    const priority = values.priority ?? null;
    if (!priorities.includes(priority as Priority | null)) throw refusal('VALIDATION_FAILED', 'priority must be low, medium, high or null', { priority: 'invalid value' });
    await withFreshSession(session, async () => {
        requireOpen(session);
        session.data.priority = priority === null ? null : enumOf(priority as Priority);
        await session.save();
    });
    await publishToStaff(line, 'session_updated', { session: sessionView(session) });
    return ok({ session: sessionView(session) });
}
