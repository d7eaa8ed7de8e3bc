/**
 * System notes (SPEC §12): visible to staff only, never sent to the client. Scripts call
 * `postSystemNote`; staff use the `system_note` API method.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller } from '../access/roles';
import { appendMessage } from '../messages/append';
import type { Line, Message, Session } from '../shared/apps';
import { input, ok, requiredText } from '../shared/http';
import { messageView } from '../shared/views';
import { loadSession, requireOpen } from './load';

export async function postSystemNote(session: Session, line: Line, text: string, author: string | null = null): Promise<Message> {
    return appendMessage(session, line, { authorKind: 'system', author, text, staffOnly: true });
}

export async function addSystemNote(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const { session, line } = await loadSession(values);
    await authorize(user, line, 'system_note', session);
    const text = requiredText(values, 'text');
    requireOpen(session);
    return ok({ message: messageView(await postSystemNote(session, line, text, user.id)) }, 201);
}
