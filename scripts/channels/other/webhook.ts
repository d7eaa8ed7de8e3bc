/**
 * The arbitrary messenger's webhook, exactly as the vendor documents it (SPEC §4):
 * `POST /api/messengers/external/other/webhook/<channelId>` with
 * `{ type, token, channelId?, data? }`. Answers: 200 stored (or already stored), 400
 * malformed, 401 token mismatch, 404 no such channel, 500 unexpected. Nothing is stored
 * unless the answer is 200, and a 200 means the write is committed.
 */
import type { HttpApiRequest, HttpResponse, TJSON } from '@brix/sdk';
import { findClient, refreshClient } from '../../inbound/client';
import { receiveInbound } from '../../inbound/pipeline';
import { attachmentsOf } from '../../messages/attachments';
import type { Channel } from '../../shared/apps';
import { enumOf } from '../../shared/values';
import { requireWellFormed } from '../../shared/well-formed-text';
import { otherSettings } from './messenger-call';
import { profileFrom, requestUserInfo } from './user-info';

const answer = (status: number, body: object) => new HttpResponse().status(status).json(body);
const malformed = (message: string) => answer(400, { error: { code: 'BAD_REQUEST', message } });
const isObject = (v: unknown): v is Record<string, TJSON> => typeof v === 'object' && v !== null && !Array.isArray(v);
const id = (v: TJSON | undefined): string | undefined =>
    typeof v === 'string' && v !== '' && v.length <= 200 ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;

/** Compares tokens in time independent of where they differ. */
function sameToken(a: string, b: string): boolean {
    let diff = a.length ^ b.length;
    for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
    return diff === 0;
}

async function onMessage(channel: Channel, data: TJSON | undefined): Promise<HttpResponse> {
    if (!isObject(data)) return malformed('data is required for a message');
    const messageId = id(data.externalMessageId);
    const userId = id(data.externalUserId);
    const chatId = id(data.externalChatId) ?? userId;
    const text = data.text ?? '';
    if (!messageId) return malformed('data.externalMessageId is required');
    if (!userId) return malformed('data.externalUserId is required');
    if (typeof text !== 'string' || text.length > 100_000) return malformed('data.text must be text');
    // Refused with VALIDATION_FAILED (400) and the path of the bad part; nothing is stored.
    requireWellFormed(text, 'data.text');
    const files = attachmentsOf(data.files, 'URL');
    if (text.trim() === '' && files.length === 0) return malformed('a message needs text or files');
    const chatName = typeof data.externalChatName === 'string' ? [...requireWellFormed(data.externalChatName, 'data.externalChatName')].slice(0, 200).join('') : null;
    const result = await receiveInbound({
        channel, externalMessageId: messageId, externalChatId: chatId ?? null, externalChatName: chatName,
        sender: { externalUserId: userId }, senderName: chatName || userId, text, attachments: files,
    });
    return answer(200, { ok: true, messageId: result.message.id, duplicate: result.duplicate });
}

async function onUserInfo(channel: Channel, data: TJSON | undefined): Promise<HttpResponse> {
    const userId = isObject(data) ? id(data.userId) : undefined;
    if (!userId) return malformed('data.userId is required');
    const client = await findClient(channel, { externalUserId: userId });
    if (!client) return answer(200, { ok: true, known: false });
    const pushed = profileFrom(data);
    const profile = pushed.username || pushed.phoneNumber || pushed.avatar ? pushed : await requestUserInfo(channel, userId);
    if (profile) await refreshClient(client, profile);
    return answer(200, { ok: true, known: true });
}

/** Public route script. */
export async function otherMessengerWebhook(req: HttpApiRequest): Promise<HttpResponse> {
    const channelId = req.params.channelId;
    const channel = await Namespace.app.channels.search().where((f) => f.__id.eq(channelId)).first();
    if (!channel || channel.data.kind.code !== 'other') return answer(404, { error: { code: 'NOT_FOUND', message: `No channel ${channelId}` } });
    const body = req.body;
    if (!isObject(body) || typeof body.type !== 'string') return malformed('Expected a JSON object with type');
    if (!sameToken(typeof body.token === 'string' ? body.token : '', otherSettings(channel).token)) {
        return answer(401, { error: { code: 'TOKEN_MISMATCH', message: 'The token does not match the channel' } });
    }
    switch (body.type) {
        case 'message':
            if (channel.data.state?.code === 'disconnected') return answer(404, { error: { code: 'CHANNEL_DISCONNECTED', message: 'The channel is switched off' } });
            return onMessage(channel, body.data);
        case 'userInfo':
            return onUserInfo(channel, body.data);
        case 'disconnect':
            channel.data.state = enumOf('disconnected');
            await channel.save();
            return answer(200, { ok: true });
        default:
            return malformed(`Unknown type ${body.type}`);
    }
}
