/**
 * `thread`: one page of a session's thread, newest first, for scrolling upward through a long
 * history without loading it all (SPEC §3.2: a resumed client's earlier sessions on the same
 * channel show above). Each page names the authors, clients and sessions it mentions.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { numberOlderMessages, threadSessions } from '../messages/sequence';
import { refusal } from '../shared/errors';
import { ok } from '../shared/http';
import { messageView } from '../shared/views';
import { sessionRequest } from '../sessions/session-request';
import { clientNames, userNames } from './names';

const PAGE = 50;

export async function getThread(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, role } = await sessionRequest(req, 'view');
    const size = values.size === undefined ? PAGE : Number(values.size);
    if (!Number.isInteger(size) || size < 1 || size > 200) throw refusal('VALIDATION_FAILED', 'size must be 1 to 200', { size: 'invalid value' });
    const before = values.beforeSeq === undefined || values.beforeSeq === '' ? undefined : Number(values.beforeSeq);
    if (before !== undefined && !Number.isSafeInteger(before)) throw refusal('VALIDATION_FAILED', 'beforeSeq must be the seq of a message', { beforeSeq: 'invalid value' });
    const withSystem = role !== 'reader' || values.system === 'true';
    await numberOlderMessages(session);
    const sessions = await threadSessions(session);
    const ids = sessions.map((s) => s.id);
    const page = await Namespace.app.messages.search().where((f, g) => g.and(
        f.session.in(ids),
        ...(withSystem ? [] : [f.staff_only.eq(false)]),
        ...(before === undefined ? [] : [f.seq.lt(before)]),
    )).sort('seq', false).size(size + 1).all();
    const messages = page.slice(0, size).map(messageView).reverse();
    return ok({
        messages,
        hasMore: page.length > size,
        users: await userNames(messages.map((m) => m.author)),
        clients: await clientNames(messages.map((m) => m.client)),
        sessions: Object.fromEntries(sessions.map((s) => [s.id, { name: s.data.__name, state: s.data.state.code, createdAt: s.data.__createdAt.toJSON() }])),
    });
}
