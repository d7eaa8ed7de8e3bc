/**
 * System notes (SPEC §12): visible to staff only, never sent to the client. Scripts call
 * `postSystemNote`; staff use the `system_note` API method.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { appendMessage } from '../messages/append';
import type { Line, Message, Session } from '../shared/apps';
import { ok, requiredText } from '../shared/http';
import { messageView } from '../shared/views';
import { requireOpen } from './load';
import { sessionRequest } from './session-request';

export async function postSystemNote(session: Session, line: Line, text: string, author: string | null = null): Promise<Message> {
    return appendMessage(session, line, { authorKind: 'system', author, text, staffOnly: true });
}

export async function addSystemNote(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, user, session, line } = await sessionRequest(req, 'system_note');
    const text = requiredText(values, 'text');
    requireOpen(session);
    return ok({ message: messageView(await postSystemNote(session, line, text, user.id)) }, 201);
}
