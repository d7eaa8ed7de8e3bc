/**
 * One request to an arbitrary messenger (SPEC §4): a JSON POST of
 * `{ type, token, channelId, data }` to the API URL of the channel's settings.
 */
import type { FetchResponse, TJSON } from '@brix/sdk';
import { readSettings } from '../../settings/global-settings';
import type { Channel } from '../../shared/apps';

export interface OtherSettings {
    url: string;
    token: string;
}

/** The channel's messenger URL and confirmation token (empty when not set). */
export function otherSettings(channel: Channel): OtherSettings {
    const s = channel.data.settings;
    const obj = typeof s === 'object' && s !== null && !Array.isArray(s) ? s : {};
    return { url: typeof obj.url === 'string' ? obj.url : '', token: channel.data.token ?? '' };
}

/**
 * @param timeout milliseconds; the global setting `messenger_timeout_ms` when not given.
 * @throws Error when the channel has no URL, the messenger cannot be reached or does not answer in time.
 */
export async function callMessenger(channel: Channel, type: string, data?: TJSON, timeout?: number): Promise<FetchResponse> {
    const { url, token } = otherSettings(channel);
    if (!url) throw new Error('The channel has no messenger URL');
    timeout ??= (await readSettings()).messenger_timeout_ms;
    const body: Record<string, TJSON> = { type, token, channelId: channel.id };
    if (data !== undefined) body.data = data;
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), timeout });
}
