/**
 * Switches a channel off: the messenger is told (`disconnect`, best effort) and inbound
 * messages are refused until Reconnect; undelivered replies wait.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller, requireAdministrator } from '../access/roles';
import type { Channel } from '../shared/apps';
import { input, ok } from '../shared/http';
import { enumOf } from '../shared/values';
import { loadChannel } from './load-channel';
import { callMessenger } from './other/messenger-call';

/** Tells the messenger and marks the channel Disconnected; `reason` shows as its last error. */
export async function switchOff(channel: Channel, reason: string | null): Promise<void> {
    if (channel.data.kind.code === 'other') await callMessenger(channel, 'disconnect').catch(() => undefined);
    channel.data.state = enumOf('disconnected');
    if (reason) channel.data.last_error = reason;
    await channel.save();
}

export async function disconnectChannel(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const channel = await loadChannel(input(req));
    await switchOff(channel, null);
    return ok({ channel: channel.id, state: 'disconnected' });
}
