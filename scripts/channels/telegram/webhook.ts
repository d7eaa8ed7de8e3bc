/**
 * The Telegram webhook: `POST /api/messengers/telegram/webhook/<channelId>`, set by
 * `setWebhook` with a secret that Telegram sends back in `X-Telegram-Bot-Api-Secret-Token`.
 * 401 without it, 404 for an unknown or switched-off channel (nothing stored), 200 once the
 * update is committed; anything else makes Telegram deliver the update again later.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import type { Update } from '@grammyjs/types';
import { receiveUpdate } from './receive-update';

const answer = (status: number, body: object) => new HttpResponse().status(status).json(body);

/** The channel's webhook secret; a new one is made when asked to (each connect). */
export async function webhookSecret(channelId: string, renew = false): Promise<string> {
    const key = `telegram-secret:${channelId}`;
    const known = await Namespace.storage.getItem(key);
    if (typeof known === 'string' && !renew) return known;
    const secret = System.randomToken(32);
    await Namespace.storage.setItem(key, secret);
    return secret;
}

/** Compares secrets in time independent of where they differ. */
function same(a: string, b: string): boolean {
    let diff = a.length ^ b.length;
    for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
    return diff === 0;
}

/** Public route script. */
export async function telegramWebhook(req: HttpApiRequest): Promise<HttpResponse> {
    const channelId = req.params.channelId;
    const channel = await Namespace.app.channels.search().where((f) => f.__id.eq(channelId)).first();
    if (!channel || channel.data.kind.code !== 'telegram') return answer(404, { error: { code: 'NOT_FOUND', message: `No channel ${channelId}` } });
    const known = await Namespace.storage.getItem(`telegram-secret:${channel.id}`);
    if (typeof known !== 'string' || !same(req.headers['x-telegram-bot-api-secret-token'] ?? '', known)) {
        return answer(401, { error: { code: 'TOKEN_MISMATCH', message: 'The secret token does not match the channel' } });
    }
    if (channel.data.state?.code === 'disconnected') return answer(404, { error: { code: 'CHANNEL_DISCONNECTED', message: 'The channel is switched off' } });
    const update = req.body as unknown as Update | undefined;
    if (typeof update !== 'object' || update === null || typeof update.update_id !== 'number') {
        return answer(400, { error: { code: 'BAD_REQUEST', message: 'Expected a Telegram Update' } });
    }
    await receiveUpdate(channel, update);
    return answer(200, { ok: true });
}
