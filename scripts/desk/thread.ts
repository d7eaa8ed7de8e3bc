/**
 * `thread`: one page of a session's thread, newest first, for scrolling upward through a long
 * history without loading it all (SPEC §3.2: a resumed client's earlier sessions on the same
 * channel show above). Each page names the authors, clients and sessions it mentions.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { messagePage, pageRequest } from '../messages/page';
import { numberOlderMessages, threadSessions } from '../messages/sequence';
import { ok } from '../shared/http';
import { messageView } from '../shared/views';
import { sessionRequest } from '../sessions/session-request';
import { clientNames, userNames } from './names';

const PAGE = 50;

export async function getThread(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, role } = await sessionRequest(req, 'view');
    const request = pageRequest(values, role !== 'reader' || values.system === 'true', PAGE);
    await numberOlderMessages(session);
    const sessions = await threadSessions(session);
    const page = await messagePage(sessions, request);
    const messages = page.messages.map(messageView);
    return ok({
        messages,
        hasMore: page.hasMore,
        users: await userNames(messages.map((m) => m.author)),
        clients: await clientNames(messages.map((m) => m.client)),
        sessions: Object.fromEntries(sessions.map((s) => [s.id, { name: s.data.__name, state: s.data.state.code, createdAt: s.data.__createdAt.toJSON() }])),
    });
}
