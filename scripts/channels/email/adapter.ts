/**
 * E-mail channels: one inbox per channel. Connecting signs in to the IMAP server once (a
 * refused password shows at once) and asks the platform to watch the inbox; replies go out
 * through the channel's SMTP account from the delivery queue.
 */
import type { ChannelAdapter } from '../adapters';
import { sendMail } from './send';
import { emailSettings, missingSetting } from './settings';

export const mailboxKey = (channelId: string) => `mail:${channelId}`;

export const emailChannel: ChannelAdapter = {
    async connect(channel) {
        const settings = emailSettings(channel);
        const missing = missingSetting(settings);
        if (missing) return { state: 'disconnected', error: missing };
        const refused = await System.mailboxes.check(settings.imap);
        if (refused) return { state: 'error', error: `The IMAP server: ${refused}` };
        await System.mailboxes.watch(mailboxKey(channel.id), { imap: settings.imap, script: 'receiveMail', statusScript: 'mailboxStatus' });
        return null;
    },
    async disconnect(channel) {
        await System.mailboxes.unwatch(mailboxKey(channel.id));
    },
    send: sendMail,
};
