/**
 * `retry_delivery`: the operator's "Retry" on a reply shown as failed. Delivery retries by
 * itself with growing delays; this sends the session's undelivered replies right away.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { scheduleDelivery } from '../channels/other/deliver';
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
    await scheduleDelivery(session.id);
    return ok({ scheduled: true });
}
