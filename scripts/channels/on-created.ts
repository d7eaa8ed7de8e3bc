/**
 * A new channel goes live (SPEC §4): its adapter connects it to the peer (an arbitrary
 * messenger is sent `connect`, a Telegram bot is checked and its webhook or polling set
 * up, a mailbox is signed in to and watched). The channel is Active when that works, and
 * Error (or Disconnected, when settings are missing) with the reason otherwise.
 * Item event handler of `channels`, so channels created anywhere are connected.
 */
import type { Channel } from '../shared/apps';
import { enumOf } from '../shared/values';
import { adapterOf } from './adapters';

/** Connects; stores the resulting state and error. */
export async function connectChannel(channel: Channel): Promise<boolean> {
    let problem;
    try {
        problem = await adapterOf(channel).connect(channel);
    } catch (e) {
        problem = { state: 'error' as const, error: e instanceof Error ? e.message : String(e) };
    }
    channel.data.state = enumOf(problem ? problem.state : 'active');
    channel.data.last_error = problem ? problem.error.slice(0, 2000) : null;
    await channel.save();
    return !problem;
}

/** Item event handler. */
export async function onChannelCreated(): Promise<void> {
    const channel = Context.data.__item as unknown as Channel | undefined;
    // An administrator who creates a channel switched off connects it later with Reconnect.
    if (channel && channel.data.state?.code !== 'disconnected') await connectChannel(channel);
}
