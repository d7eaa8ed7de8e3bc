/**
 * Rename (SPEC §3.2). The name is stored as given, up to 200 characters.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { ok, requiredText } from '../shared/http';
import { publishSessionChange } from '../shared/publish';
import { sessionView } from '../shared/views';
import { withFreshSession } from './fresh';
import { requireOpen } from './load';
import { sessionRequest } from './session-request';

export async function renameSession(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, line } = await sessionRequest(req, 'rename');
    const name = requiredText(values, 'name', 200);
    await withFreshSession(session, async () => {
        requireOpen(session);
        session.data.__name = name;
        await session.save();
    });
    await publishSessionChange(line, 'session_updated', session);
    return ok({ session: sessionView(session) });
}
