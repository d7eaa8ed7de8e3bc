/**
 * The arbitrary messenger (SPEC §4): `connect` with the webhook URL it must call,
 * `disconnect`, and replies as `message` requests carrying the reply's id.
 */
import type { ChannelAdapter } from '../adapters';
import { outboundFiles } from '../outbound-files';
import { textWithOperatorName } from '../operator-name';
import { callMessenger, otherSettings } from './messenger-call';

export const otherChannel: ChannelAdapter = {
    async connect(channel) {
        if (!otherSettings(channel).url) return { state: 'disconnected', error: 'No messenger URL' };
        try {
            const res = await callMessenger(channel, 'connect', { webhook: `${System.baseUrl}/api/messengers/external/other/webhook/${channel.id}` });
            return res.status === 200 ? null : { state: 'error', error: `The messenger answered ${res.status} to connect` };
        } catch (e) {
            return { state: 'error', error: `The messenger cannot be reached: ${e instanceof Error ? e.message : String(e)}` };
        }
    },
    async disconnect(channel) {
        await callMessenger(channel, 'disconnect').catch(() => undefined);
    },
    async send(channel, session, message) {
        const files = await outboundFiles(message.data.attachments);
        const res = await callMessenger(channel, 'message', { targetChatId: session.data.external_chat_id ?? '', text: await textWithOperatorName(session, message), files, messageId: message.id });
        return res.status === 200 ? { ok: true } : { ok: false, error: `The messenger answered ${res.status}` };
    },
};
