/**
 * Close (SPEC §3.2): the history stays; the live chat's staff are told, the session_closed
 * event is raised and the operator's freed capacity goes to the queue.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import type { Line, Session } from '../shared/apps';
import closedNote from '../../templates/notes/closed.hbs';
import { nameOf, postSystemNote } from '../messages/system-note';
import { capacityFreed } from '../routing/drain-queue';
import { ok } from '../shared/http';
import { renderText } from '../shared/render-template';
import { noticeClosed } from '../shared/notices';
import { emitEvent, publishSessionChange } from '../shared/publish';
import { enumOf } from '../shared/values';
import { sessionView } from '../shared/views';
import { stopAll } from '../sla/session-clocks';
import { withFreshSession } from './fresh';
import { requireOpen } from './load';
import { sessionRequest } from './session-request';

/**
 * Closes an open session inside the caller's transaction; `note` is the system note that
 * says who or what closed it; `quiet` when the whole live chat goes (nobody is told of each
 * session). @throws ApiError SESSION_CLOSED, SESSION_IS_SPAM
 */
export async function closeOpenSession(session: Session, line: Line, by: string | null, note: string, quiet = false): Promise<void> {
    requireOpen(session);
    const wasAssigned = session.data.state.code === 'assigned_to_operator';
    session.data.state = enumOf('closed');
    session.data.closed_at = new TDatetime();
    session.data.auto_assign = null;
    session.data.waiting_since = null;
    await stopAll(session);
    await session.save();
    await postSystemNote(session, line, note);
    await publishSessionChange(line, 'session_closed', session);
    if (!quiet) await noticeClosed(line, session, by, by ? await nameOf(by) : null);
    await emitEvent('session_closed', { session: session.id, line: line.id, operator: session.data.operator?.id ?? null, by });
    if (wasAssigned) await capacityFreed(line.id);
}

export async function closeSession(req: HttpApiRequest): Promise<HttpResponse> {
    const { user, session, line } = await sessionRequest(req, 'close');
    await withFreshSession(session, async () => closeOpenSession(session, line, user.id, renderText(closedNote, { operator: await nameOf(user.id) })));
    return ok({ session: sessionView(session) });
}
