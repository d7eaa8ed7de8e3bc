/**
 * A new channel goes live: an arbitrary messenger is sent `connect` with the webhook URL
 * it must call (SPEC §4); the channel is Active when it answers 200, Error otherwise.
 * Item event handler of `channels`, so channels created anywhere are connected.
 */
import type { Channel } from '../shared/apps';
import { enumOf } from '../shared/values';
import { callMessenger, otherSettings } from './other/messenger-call';
import { websiteSettings, websiteSnippet } from './website/settings';

/**
 * Kinds the manifest already offers but nothing serves yet: a channel of such a kind would
 * receive and send nothing, so it must not look Active to the administrator.
 */
const notYetServed: Readonly<Record<string, string>> = {
    telegram: 'Telegram bot',
    email: 'Email',
};

/** Sends `connect`; stores the resulting state and error. */
export async function connectChannel(channel: Channel): Promise<boolean> {
    const kind = channel.data.kind.code;
    if (Object.hasOwn(notYetServed, kind)) {
        channel.data.state = enumOf('disconnected');
        channel.data.last_error = `${notYetServed[kind]} channels cannot be connected yet: this kind of channel is not available in this version`;
        await channel.save();
        return false;
    }
    if (kind === 'website') return connectWebsite(channel);
    if (kind !== 'other') {
        if (!channel.data.state) {
            channel.data.state = enumOf('active');
            await channel.save();
        }
        return true;
    }
    if (!otherSettings(channel).url) {
        channel.data.state = enumOf('disconnected');
        channel.data.last_error = 'No messenger URL';
        await channel.save();
        return false;
    }
    let error: string | null = null;
    try {
        const res = await callMessenger(channel, 'connect', { webhook: `${System.baseUrl}/api/messengers/external/other/webhook/${channel.id}` });
        if (res.status !== 200) error = `The messenger answered ${res.status} to connect`;
    } catch (e) {
        error = `The messenger cannot be reached: ${e instanceof Error ? e.message : String(e)}`;
    }
    channel.data.state = enumOf(error ? 'error' : 'active');
    channel.data.last_error = error;
    await channel.save();
    return !error;
}

/**
 * A website chat needs no peer to answer: it is Active once the sites allowed to embed it
 * are listed, and its snippet is shown on the channel for the administrator to copy.
 */
async function connectWebsite(channel: Channel): Promise<boolean> {
    const settings = websiteSettings(channel);
    const error = settings.allowedOrigins.length ? null : 'List the sites allowed to embed the chat in the settings, e.g. { "allowed_origins": ["https://shop.example"] }';
    channel.data.state = enumOf(error ? 'error' : 'active');
    channel.data.last_error = error;
    channel.data.snippet = websiteSnippet(channel);
    await channel.save();
    return !error;
}

/** Item event handler. */
export async function onChannelCreated(): Promise<void> {
    const channel = Context.data.__item as unknown as Channel | undefined;
    // An administrator who creates a channel switched off connects it later with Reconnect;
    // one of a kind not served yet is told why it stays off even then.
    if (channel && (channel.data.state?.code !== 'disconnected' || Object.hasOwn(notYetServed, channel.data.kind.code))) await connectChannel(channel);
}
