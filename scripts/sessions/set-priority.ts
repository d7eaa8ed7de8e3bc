/**
 * Change priority (SPEC §3.1): Low, Medium, High, or null for "not set".
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import type { Priority } from '../shared/apps';
import { refusal } from '../shared/errors';
import { ok } from '../shared/http';
import { publishSessionChange } from '../shared/publish';
import { enumOf } from '../shared/values';
import { sessionView } from '../shared/views';
import { withFreshSession } from './fresh';
import { requireOpen } from './load';
import { sessionRequest } from './session-request';

const priorities: readonly (Priority | null)[] = ['low', 'medium', 'high', null];

export async function setSessionPriority(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, line } = await sessionRequest(req, 'set_priority');
    const priority = values.priority ?? null;
    if (!priorities.includes(priority as Priority | null)) throw refusal('VALIDATION_FAILED', 'priority must be low, medium, high or null', { priority: 'invalid value' });
    await withFreshSession(session, async () => {
        requireOpen(session);
        session.data.priority = priority === null ? null : enumOf(priority as Priority);
        await session.save();
    });
    await publishSessionChange(line, 'session_updated', session);
    return ok({ session: sessionView(session) });
}
