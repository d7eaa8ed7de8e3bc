/**
 * Mark as spam (SPEC §3.2): the session leaves the lists and routing; its state is kept
 * so Remove from spam can restore it. Internal channels cannot be spam (employees write
 * there), as in the vendor's SDK.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { capacityFreed } from '../routing/drain-queue';
import { refusal } from '../shared/errors';
import { ok } from '../shared/http';
import { emitEvent, publishSessionChange } from '../shared/publish';
import { enumOf } from '../shared/values';
import { sessionView } from '../shared/views';
import { withFreshSession } from './fresh';
import { requireOpen } from './load';
import { sessionRequest } from './session-request';

export async function markSessionAsSpam(req: HttpApiRequest): Promise<HttpResponse> {
    const { session, line } = await sessionRequest(req, 'mark_spam');
    const channel = await session.data.channel?.fetch();
    if (channel?.data.kind.code === 'internal') throw refusal('SPAM_NOT_ALLOWED', 'Sessions of the internal channel cannot be spam');
    await withFreshSession(session, async () => {
        requireOpen(session);
        const wasAssigned = session.data.state.code === 'assigned_to_operator';
        session.data.state_before_spam = session.data.state.code;
        session.data.state = enumOf('marked_as_spam');
        await session.save();
        await publishSessionChange(line, 'session_updated', session);
        await emitEvent('session_spam_changed', { session: session.id, line: line.id, spam: session.data.state.code === 'marked_as_spam' });
        if (wasAssigned) await capacityFreed(line.id);
    });
    return ok({ session: sessionView(session) });
}
