/**
 * One session with its thread, oldest first (a resumed session shows its earlier history
 * above). Readers see system notes only when they ask for them (SPEC §10).
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller } from '../access/roles';
import { input, ok } from '../shared/http';
import { messageView, sessionView } from '../shared/views';
import { loadSession } from './load';

export async function getSession(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const { session, line } = await loadSession(values);
    const role = await authorize(user, line, 'view', session);
    const withSystem = role !== 'reader' || values.system === 'true';
    const messages = await Namespace.app.messages.search().where((f) => f.session.eq(session.id)).sort('__createdAt').size(10_000).all();
    return ok({
        session: sessionView(session),
        messages: messages.filter((m) => withSystem || !m.data.staff_only).map(messageView),
    });
}
