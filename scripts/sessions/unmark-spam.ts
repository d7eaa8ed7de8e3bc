/**
 * Remove from spam (SPEC §3.2): the session comes back as it was — same state, operator
 * and priority — and counts in reports again.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import type { SessionState } from '../shared/apps';
import { refusal } from '../shared/errors';
import { ok } from '../shared/http';
import { emitEvent, publishSessionChange } from '../shared/publish';
import { enumOf } from '../shared/values';
import { sessionView } from '../shared/views';
import { withFreshSession } from './fresh';
import { sessionRequest } from './session-request';

const restorable: readonly string[] = ['waiting', 'assigned_to_bot', 'assigned_to_operator', 'closed'];

export async function removeSessionFromSpam(req: HttpApiRequest): Promise<HttpResponse> {
    const { session, line } = await sessionRequest(req, 'unmark_spam');
    await withFreshSession(session, async () => {
        if (session.data.state.code !== 'marked_as_spam') throw refusal('SESSION_NOT_SPAM', 'The session is not marked as spam');
        const before = session.data.state_before_spam ?? '';
        session.data.state = enumOf((restorable.includes(before) ? before : 'waiting') as SessionState);
        session.data.state_before_spam = null;
        if (session.data.state.code === 'waiting' && !session.data.waiting_since) session.data.waiting_since = new TDatetime();
        await session.save();
    });
    await publishSessionChange(line, 'session_updated', session);
    await emitEvent('session_spam_changed', { session: session.id, line: line.id, spam: session.data.state.code === 'marked_as_spam' });
    return ok({ session: sessionView(session) });
}
