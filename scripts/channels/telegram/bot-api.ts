/**
 * Calls to the Telegram Bot API (`<base>/bot<token>/<method>`) for a channel: its token
 * (write-only, in the channel's `token`), its base URL (https://api.telegram.org unless
 * set, e.g. to a local Bot API server) and its mode. Types from @grammyjs/types.
 */
import type { FetchMultipartBody, TJSON } from '@brix/sdk';
import type { ResponseParameters } from '@grammyjs/types';
import type { Channel } from '../../shared/apps';

export const DEFAULT_BOT_API = 'https://api.telegram.org';

export interface TelegramSettings {
    mode: 'webhook' | 'polling';
    apiBase: string;
    /** Long-poll wait of getUpdates, in seconds. */
    pollTimeout: number;
}

export function telegramSettings(channel: Channel): TelegramSettings {
    const s = channel.data.settings;
    const o = (typeof s === 'object' && s !== null && !Array.isArray(s) ? s : {}) as Record<string, TJSON>;
    const base = typeof o.api_url === 'string' && /^https?:\/\/\S+$/.test(o.api_url) ? o.api_url.replace(/\/+$/, '') : DEFAULT_BOT_API;
    const wait = typeof o.poll_timeout === 'number' && o.poll_timeout >= 0 && o.poll_timeout <= 50 ? Math.trunc(o.poll_timeout) : 25;
    return { mode: o.mode === 'polling' ? 'polling' : 'webhook', apiBase: base, pollTimeout: wait };
}

/** The Bot API's answer: `result` when ok, else its error code, description and parameters. */
export type BotAnswer<T> =
    | { ok: true; result: T }
    | { ok: false; status: number; description: string; parameters?: ResponseParameters };

/**
 * @param params a JSON object, or a multipart form for uploads.
 * @throws Error when the channel has no token; TypeError / TimeoutError when the Bot API cannot be reached.
 */
export async function callBot<T>(channel: Channel, method: string, params: Record<string, TJSON> | FetchMultipartBody = {}, timeout = 15_000): Promise<BotAnswer<T>> {
    const token = channel.data.token ?? '';
    if (!token) throw new Error('The channel has no bot token');
    const { apiBase } = telegramSettings(channel);
    const multipart = 'multipart' in params && Array.isArray(params.multipart);
    const res = await fetch(`${apiBase}/bot${token}/${method}`, {
        method: 'POST',
        headers: multipart ? {} : { 'content-type': 'application/json' },
        body: multipart ? (params as FetchMultipartBody) : JSON.stringify(params),
        timeout,
    });
    let body: { ok?: boolean; result?: T; description?: string; error_code?: number; parameters?: ResponseParameters } = {};
    try {
        body = (await res.json()) as typeof body;
    } catch {
        // A proxy's HTML error page: the status says enough.
    }
    if (res.ok && body.ok) return { ok: true, result: body.result as T };
    return { ok: false, status: body.error_code ?? res.status, description: body.description ?? `HTTP ${res.status}`, parameters: body.parameters };
}

/** The file a Telegram file path names, downloaded through `<base>/file/bot<token>/<path>`. */
export async function downloadFile(channel: Channel, filePath: string): Promise<Uint8Array> {
    const { apiBase } = telegramSettings(channel);
    const res = await fetch(`${apiBase}/file/bot${channel.data.token ?? ''}/${filePath}`, { timeout: 60_000 });
    if (!res.ok) throw new Error(`The Bot API answered ${res.status} to a file download`);
    return res.bytes();
}
