/**
 * Messages the system sends the client on its own (automatic replies, queue position):
 * stored in the thread as system messages visible to the client, then delivered.
 */
import type { Line, Session } from '../shared/apps';
import { appendMessage } from './append';
import { sendToClient } from './send-to-client';

export async function sendAutomaticReply(session: Session, line: Line, text: string): Promise<void> {
    const message = await appendMessage(session, line, { authorKind: 'system', text, staffOnly: false });
    await sendToClient(session, message);
}
