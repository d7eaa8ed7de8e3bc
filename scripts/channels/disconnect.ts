/**
 * Switches a channel off: the messenger is told (`disconnect`, best effort) and inbound
 * messages are refused until Reconnect; undelivered replies wait.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller, requireAdministrator } from '../access/roles';
import { input, ok } from '../shared/http';
import { enumOf } from '../shared/values';
import { loadChannel } from './load-channel';
import { callMessenger } from './other/messenger-call';

export async function disconnectChannel(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const channel = await loadChannel(input(req));
    if (channel.data.kind.code === 'other') await callMessenger(channel, 'disconnect').catch(() => undefined);
    channel.data.state = enumOf('disconnected');
    await channel.save();
    return ok({ channel: channel.id, state: 'disconnected' });
}
