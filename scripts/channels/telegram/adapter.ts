/**
 * Telegram bot channels: connecting checks the token (`getMe`) and sets up either the
 * webhook (`setWebhook` with a secret the webhook checks) or long polling (`deleteWebhook`,
 * then a durable polling timer). Replies go out through the delivery queue; edits through
 * `editMessageText`, which Telegram allows for 48 hours.
 */
import type { ChannelAdapter } from '../adapters';
import { callBot, telegramSettings } from './bot-api';
import { scheduleTelegramEdit } from './edit';
import { startPolling, stopPolling } from './poll';
import { sendReply } from './send';
import { webhookSecret } from './webhook';

export const telegramChannel: ChannelAdapter = {
    async connect(channel) {
        if (!channel.data.token) return { state: 'disconnected', error: 'No bot token' };
        const me = await callBot<{ username?: string }>(channel, 'getMe').catch((e: unknown) => ({ ok: false as const, status: 0, description: e instanceof Error ? e.message : String(e) }));
        if (!me.ok) return { state: 'error', error: me.status === 401 || me.status === 404 ? `Telegram refused the bot token: ${me.description}` : `Telegram cannot be reached: ${me.description}` };
        const { mode } = telegramSettings(channel);
        if (mode === 'webhook') {
            await stopPolling(channel.id);
            const set = await callBot(channel, 'setWebhook', {
                url: `${System.baseUrl}/api/messengers/telegram/webhook/${channel.id}`,
                secret_token: await webhookSecret(channel.id, true),
                allowed_updates: ['message'],
            });
            if (!set.ok) return { state: 'error', error: `Telegram refused the webhook: ${set.description}` };
        } else {
            // Updates that arrived while the channel was off are kept by Telegram and fetched now.
            const removed = await callBot(channel, 'deleteWebhook', { drop_pending_updates: false });
            if (!removed.ok) return { state: 'error', error: `Telegram refused to switch to polling: ${removed.description}` };
            await startPolling(channel.id);
        }
        return null;
    },
    async disconnect(channel) {
        await stopPolling(channel.id);
        if (telegramSettings(channel).mode === 'webhook') await callBot(channel, 'deleteWebhook', { drop_pending_updates: false });
    },
    send: sendReply,
    editWindowMs: 48 * 3600 * 1000,
    edit: async (_channel, message) => scheduleTelegramEdit(message.id),
};
