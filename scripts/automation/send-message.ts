/**
 * `send_message` (SPEC §12): another extension's script sends a message to the session's
 * client — as a user (the caller, or a named staff member when the caller supervises the
 * live chat) or as the live chat itself, which the client sees as the live chat's bot.
 */
import type { TJSON } from '@brix/sdk';
import { roleIn, roleSubject } from '../access/roles';
import { appendMessage } from '../messages/append';
import { sendToClient } from '../messages/send-to-client';
import { refusal } from '../shared/errors';
import { optionalText, requiredText } from '../shared/http';
import { requireWellFormed } from '../shared/well-formed-text';
import { withFreshSession } from '../sessions/fresh';
import { requireOpen } from '../sessions/load';
import { postReply } from '../sessions/reply';
import { sessionCall } from './call';

export async function automationSendMessage(): Promise<TJSON> {
    const { values, user, session, line, role } = await sessionCall('reply');
    const text = requiredText(values, 'text');
    const as = optionalText(values, 'as', 20) ?? 'user';
    if (as === 'live_chat') {
        requireWellFormed(text, 'text');
        const message = await withFreshSession(session, async () => {
            requireOpen(session);
            const m = await appendMessage(session, line, { authorKind: 'bot', text });
            await sendToClient(session, m);
            return m;
        });
        return { messageId: message.id };
    }
    if (as !== 'user') throw refusal('VALIDATION_FAILED', 'as is user or live_chat', { as: 'is user or live_chat' });
    const author = optionalText(values, 'author', 100) ?? user.id;
    if (author !== user.id) {
        if (role !== 'administrator' && role !== 'supervisor') throw refusal('FORBIDDEN_ROLE', `${roleSubject(role)} cannot send as someone else`);
        const named = await System.users.search().where((f) => f.__id.eq(author)).first();
        const namedRole = named ? roleIn(named, line) : 'outsider';
        if (!['administrator', 'supervisor', 'operator'].includes(namedRole)) throw refusal('TARGET_NOT_OPERATOR', 'The author must be staff of this live chat', { author: 'is not staff of this live chat' });
    }
    const message = await postReply(session, line, author, text);
    return { messageId: message.id };
}
