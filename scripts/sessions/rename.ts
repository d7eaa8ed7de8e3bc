/**
 * Rename (SPEC §3.2). The name is stored as given, up to 200 characters.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller } from '../access/roles';
import { input, ok, requiredText } from '../shared/http';
import { publishToStaff } from '../shared/publish';
import { sessionView } from '../shared/views';
import { withFreshSession } from './fresh';
import { loadSession, requireOpen } from './load';

export async function renameSession(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const { session, line } = await loadSession(values);
    await authorize(user, line, 'rename', session);
    const name = requiredText(values, 'name', 200);
    await withFreshSession(session, async () => {
        requireOpen(session);
        session.data.__name = name;
        await session.save();
    });
    await publishToStaff(line, 'session_updated', { session: sessionView(session) });
    return ok({ session: sessionView(session) });
}
