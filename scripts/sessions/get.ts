/**
 * One session with its thread, oldest first (a resumed session shows its earlier history
 * above). Readers see system notes only when they ask for them (SPEC §10).
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { numberOlderMessages } from '../messages/sequence';
import { ok } from '../shared/http';
import { messageView, sessionView } from '../shared/views';
import { sessionRequest } from './session-request';

export async function getSession(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, role } = await sessionRequest(req, 'view');
    const withSystem = role !== 'reader' || values.system === 'true';
    await numberOlderMessages(session);
    const messages = await Namespace.app.messages.search().where((f) => f.session.eq(session.id)).sort('seq').size(10_000).all();
    return ok({
        session: sessionView(session),
        messages: messages.filter((m) => withSystem || !m.data.staff_only).map(messageView),
    });
}
