/**
 * One session with a page of its own messages (the newest `size`, default 100, oldest
 * first; `beforeSeq` pages back, and `hasMore` says whether earlier ones are left). The
 * desk's `thread` adds the client's earlier sessions. Readers see system notes only when
 * they ask for them (SPEC §10).
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { messagePage, pageRequest } from '../messages/page';
import { numberOlderMessages } from '../messages/sequence';
import { ok } from '../shared/http';
import { messageView, sessionView } from '../shared/views';
import { sessionRequest } from './session-request';

export async function getSession(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, role } = await sessionRequest(req, 'view');
    const request = pageRequest(values, role !== 'reader' || values.system === 'true', 100);
    await numberOlderMessages(session);
    const page = await messagePage([session], request);
    return ok({ session: sessionView(session), messages: page.messages.map(messageView), hasMore: page.hasMore });
}
