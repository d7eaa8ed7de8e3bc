/**
 * Loads what an action works on from the request: the session (or live chat) and its live
 * chat. Unknown ids are 404 before any permission check reveals anything else.
 */
import type { Line, Session } from '../shared/apps';
import { refusal } from '../shared/errors';
import { requiredText, type Input } from '../shared/http';

export async function loadLine(id: string): Promise<Line> {
    const line = await Namespace.app.lines.search().where((f) => f.__id.eq(id)).first();
    if (!line) throw refusal('NOT_FOUND', `No live chat ${id}`);
    return line;
}

export async function loadSession(values: Input): Promise<{ session: Session; line: Line }> {
    const id = requiredText(values, 'sessionId', 100);
    const session = await Namespace.app.sessions.search().where((f) => f.__id.eq(id)).first();
    if (!session) throw refusal('NOT_FOUND', `No session ${id}`);
    return { session, line: await loadLine(session.data.line.id) };
}

/** Refuses work on a closed or spam session. */
export function requireOpen(session: Session): void {
    if (session.data.state.code === 'closed') throw refusal('SESSION_CLOSED', 'The session is closed');
    if (session.data.state.code === 'marked_as_spam') throw refusal('SESSION_IS_SPAM', 'The session is marked as spam');
}
