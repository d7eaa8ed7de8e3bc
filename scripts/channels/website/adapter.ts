/**
 * The website chat (SPEC §4): no peer to connect to. The channel is live once the sites
 * allowed to embed it are listed, and shows the snippet to copy. Replies go straight to the
 * visitor's open tabs (messages/send-to-client.ts); a reply the queue retries (Retry,
 * Reconnect) reaches the visitor if they are on the site, and otherwise waits for their next
 * visit, where the conversation is shown whole. A visitor who wrote through the offline form
 * is answered by e-mail too, when the live chat has an e-mail channel.
 */
import type { Session } from '../../shared/apps';
import type { ChannelAdapter } from '../adapters';
import { sendMail } from '../email/send';
import { pushToVisitor } from './deliver';
import { websiteSettings, websiteSnippet } from './settings';

/** The live chat's active e-mail channel, if it has one (a live chat has a handful of channels). */
async function lineMailbox(session: Session) {
    return Namespace.app.channels.search()
        .where((f, g) => g.and(f.line.eq(session.data.line.id), f.kind.eq('email'), f.state.eq('active'))).first();
}

export const websiteChannel: ChannelAdapter = {
    async connect(channel) {
        channel.data.snippet = websiteSnippet(channel);
        if (websiteSettings(channel).allowedOrigins.length) return null;
        return { state: 'error', error: 'List the sites allowed to embed the chat in the settings, e.g. { "allowed_origins": ["https://shop.example"] }' };
    },
    // A channel that is not Active admits no visitor (website/socket.ts).
    disconnect: async () => undefined,
    async send(channel, session, message) {
        const reached = await pushToVisitor(session, message);
        // A visitor who left an address in the offline form is answered by e-mail as well,
        // through the live chat's e-mail channel: the mail decides whether the reply arrived.
        const mailbox = session.data.reply_email ? await lineMailbox(session) : undefined;
        if (mailbox) return sendMail(mailbox, session, message, { to: [session.data.reply_email!], subject: websiteSettings(channel).title });
        return reached
            ? { ok: true }
            : { ok: false, error: 'The visitor is not on the site now: they will see it on their next visit' };
    },
};
