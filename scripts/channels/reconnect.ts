/**
 * Reconnect (SPEC §4): sends `connect` again and, once the messenger accepts it, retries
 * every reply of the channel that is still undelivered, failed ones with fresh attempts.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller, requireAdministrator } from '../access/roles';
import { input, ok } from '../shared/http';
import { loadChannel } from './load-channel';
import { connectChannel } from './on-created';
import { retryUndelivered } from './delivery-queue';

export async function reconnectChannel(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const channel = await loadChannel(input(req));
    const connected = await connectChannel(channel);
    if (connected) {
        // Every message has a session; naming it lets the store seek the sparse index of delivery
        // states (pending and failed replies of every channel) instead of reading the channel's messages.
        const undelivered = await Namespace.app.messages.search()
            .where((f, g) => g.and(f.delivery_state.in(['pending', 'failed']), f.session.neq(null), f.channel.eq(channel.id))).size(10_000).all();
        await System.transaction(() => retryUndelivered(undelivered));
    }
    return ok({ channel: channel.id, state: channel.data.state?.code ?? null, error: channel.data.last_error });
}
