/**
 * `retry_delivery`: the operator's "Retry" on a reply shown as failed. Delivery retries by
 * itself with growing delays until it runs out of attempts; this gives the session's failed
 * replies new attempts and sends its undelivered replies right away, oldest first.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { retryUndelivered } from '../channels/delivery-queue';
import { sessionRequest } from '../sessions/session-request';
import { requireOpen } from '../sessions/load';
import { refusal } from '../shared/errors';
import { ok, requiredText } from '../shared/http';

export async function retryDelivery(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session } = await sessionRequest(req, 'reply');
    requireOpen(session);
    const id = requiredText(values, 'messageId', 100);
    const message = await Namespace.app.messages.search().where((f, g) => g.and(f.__id.eq(id), f.session.eq(session.id))).first();
    if (!message) throw refusal('NOT_FOUND', `No message ${id} in this session`);
    if (!['pending', 'failed'].includes(message.data.delivery_state?.code ?? '')) throw refusal('VALIDATION_FAILED', 'The message is not waiting for delivery', { messageId: 'already delivered' });
    const undelivered = await Namespace.app.messages.search()
        .where((f, g) => g.and(f.session.eq(session.id), f.delivery_state.in(['pending', 'failed']))).size(1000).all();
    await System.transaction(() => retryUndelivered(undelivered));
    return ok({ scheduled: true });
}
