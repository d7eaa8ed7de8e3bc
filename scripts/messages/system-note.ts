/**
 * System notes (SPEC §12): staff-only lines in the thread — who took, got or closed the
 * session, which queue it waits in. Never sent to the client, and not client activity,
 * so they leave "last activity" alone. Scripts post their own with `postSystemNote`.
 */
import type { Line, Message, Session } from '../shared/apps';
import { appendMessage } from './append';

export async function postSystemNote(session: Session, line: Line, text: string, author: string | null = null): Promise<Message> {
    return appendMessage(session, line, { authorKind: 'system', author, text, staffOnly: true });
}

/** A user's full name for notes, or the id when the user is gone. */
export async function nameOf(userId: string): Promise<string> {
    return (await System.users.search().where((f) => f.__id.eq(userId)).first())?.data.fullname ?? userId;
}
