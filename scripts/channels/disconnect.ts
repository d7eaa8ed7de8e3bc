/**
 * Switches a channel off: its peer is told (best effort: the messenger gets `disconnect`,
 * a Telegram bot loses its webhook or polling, a mailbox is no longer watched) and inbound
 * messages are refused until Reconnect; undelivered replies wait.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller, requireAdministrator } from '../access/roles';
import type { Channel } from '../shared/apps';
import { input, ok } from '../shared/http';
import { enumOf } from '../shared/values';
import { loadChannel } from './load-channel';
import { adapterOf } from './adapters';

/** Tells the peer and marks the channel Disconnected; `reason` shows as its last error. */
export async function switchOff(channel: Channel, reason: string | null): Promise<void> {
    channel.data.state = enumOf('disconnected');
    // Marked off first, so a Telegram polling run or a mail arriving meanwhile stores nothing.
    await channel.save();
    await adapterOf(channel).disconnect(channel).catch(() => undefined);
    if (reason) channel.data.last_error = reason;
    await channel.save();
}

export async function disconnectChannel(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const channel = await loadChannel(input(req));
    await switchOff(channel, null);
    return ok({ channel: channel.id, state: 'disconnected' });
}
