/**
 * The `system_note` API method: staff post a note only staff see (SPEC §12).
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { postSystemNote } from '../messages/system-note';
import { ok, requiredText } from '../shared/http';
import { messageView } from '../shared/views';
import { requireOpen } from './load';
import { sessionRequest } from './session-request';

export async function addSystemNote(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, user, session, line } = await sessionRequest(req, 'system_note');
    const text = requiredText(values, 'text');
    requireOpen(session);
    return ok({ message: messageView(await postSystemNote(session, line, text, user.id)) }, 201);
}
