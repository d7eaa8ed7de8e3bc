/**
 * `thread`: one page of a session's thread, newest first, for scrolling upward through a long
 * history without loading it all (SPEC §3.2: a resumed client's earlier sessions on the same
 * channel show above). Each page names the authors, clients and sessions it mentions.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import type { Session } from '../shared/apps';
import { refusal } from '../shared/errors';
import { ok } from '../shared/http';
import { messageView } from '../shared/views';
import { sessionRequest } from '../sessions/session-request';
import { clientNames, userNames } from './names';

const PAGE = 50;

/** The sessions whose messages make up this thread: the client's on this channel, or just this one. */
async function threadSessions(session: Session): Promise<Session[]> {
    const client = session.data.clients?.[0]?.id;
    const channel = session.data.channel?.id;
    if (!client || !channel) return [session];
    const found = await Namespace.app.sessions.search().where((f, g) => g.and(f.clients.eq(client), f.channel.eq(channel))).size(1_000).all();
    return found.some((s) => s.id === session.id) ? found : [session, ...found];
}

export async function getThread(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, role } = await sessionRequest(req, 'view');
    const size = values.size === undefined ? PAGE : Number(values.size);
    if (!Number.isInteger(size) || size < 1 || size > 200) throw refusal('VALIDATION_FAILED', 'size must be 1 to 200', { size: 'invalid value' });
    const before = typeof values.before === 'string' && values.before ? Date.parse(values.before) : undefined;
    if (Number.isNaN(before)) throw refusal('VALIDATION_FAILED', 'before must be a date-time', { before: 'invalid value' });
    const withSystem = role !== 'reader' || values.system === 'true';
    const sessions = await threadSessions(session);
    const ids = sessions.map((s) => s.id);
    const page = await Namespace.app.messages.search().where((f, g) => g.and(
        f.session.in(ids),
        ...(withSystem ? [] : [f.staff_only.eq(false)]),
        ...(before === undefined ? [] : [f.__createdAt.lt(new TDatetime(before))]),
    )).sort('__createdAt', false).size(size + 1).all();
    const messages = page.slice(0, size).map(messageView).reverse();
    return ok({
        messages,
        hasMore: page.length > size,
        users: await userNames(messages.map((m) => m.author)),
        clients: await clientNames(messages.map((m) => m.client)),
        sessions: Object.fromEntries(sessions.map((s) => [s.id, { name: s.data.__name, state: s.data.state.code, createdAt: s.data.__createdAt.toJSON() }])),
    });
}
