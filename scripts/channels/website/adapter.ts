/**
 * The website chat (SPEC §4): no peer to connect to. The channel is live once the sites
 * allowed to embed it are listed, and shows the snippet to copy. Replies go straight to the
 * visitor's open tabs (messages/send-to-client.ts); a reply the queue retries (Retry,
 * Reconnect) reaches the visitor if they are on the site, and otherwise waits for their next
 * visit, where the conversation is shown whole.
 */
import type { ChannelAdapter } from '../adapters';
import { pushToVisitor } from './deliver';
import { websiteSettings, websiteSnippet } from './settings';

export const websiteChannel: ChannelAdapter = {
    async connect(channel) {
        channel.data.snippet = websiteSnippet(channel);
        if (websiteSettings(channel).allowedOrigins.length) return null;
        return { state: 'error', error: 'List the sites allowed to embed the chat in the settings, e.g. { "allowed_origins": ["https://shop.example"] }' };
    },
    // A channel that is not Active admits no visitor (website/socket.ts).
    disconnect: async () => undefined,
    async send(_channel, session, message) {
        return (await pushToVisitor(session, message))
            ? { ok: true }
            : { ok: false, error: 'The visitor is not on the site now: they will see it on their next visit' };
    },
};
