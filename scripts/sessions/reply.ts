/**
 * Reply (SPEC §3.2): the operator's message is stored as given (clients escape it when
 * they show it) and sent to the client over the session's channel.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { appendMessage } from '../messages/append';
import { attachmentsOf, type Attachment } from '../messages/attachments';
import { sendToClient } from '../messages/send-to-client';
import type { Line, Message, Session } from '../shared/apps';
import { refusal } from '../shared/errors';
import { ok, optionalText } from '../shared/http';
import { requireWellFormed } from '../shared/well-formed-text';
import { operatorReplied } from '../sla/session-clocks';
import { messageView } from '../shared/views';
import { withFreshSession } from './fresh';
import { requireOpen } from './load';
import { sessionRequest } from './session-request';

/**
 * Stores an authorized reply and sends it to the client (the API method and the Live Chat
 * Messages widget share it). @throws ApiError VALIDATION_FAILED, SESSION_CLOSED, SESSION_IS_SPAM
 */
export async function postReply(session: Session, line: Line, authorId: string, text: string, files: Attachment[] = []): Promise<Message> {
    if (!text && files.length === 0) throw refusal('VALIDATION_FAILED', 'text or files are required', { text: 'is required' });
    requireWellFormed(text, 'text');
    return withFreshSession(session, async () => {
        requireOpen(session);
        // The message's save stores the stopped clocks.
        await operatorReplied(session);
        const m = await appendMessage(session, line, { authorKind: 'operator', author: authorId, text, attachments: files });
        await sendToClient(session, m);
        return m;
    });
}

export async function replyToSession(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, user, session, line } = await sessionRequest(req, 'reply');
    const message = await postReply(session, line, user.id, optionalText(values, 'text') ?? '', attachmentsOf(values.files, 'url'));
    return ok({ message: messageView(message) }, 201);
}
