/**
 * +New session (SPEC §2): an Online operator starts a conversation with an external user
 * of a connected messenger channel. The client's latest session on the channel is reused
 * (resumed if closed) unless another operator is working on it.
 */
import type { HttpApiRequest, HttpResponse, UserItem } from '@brix/sdk';
import { authorize, authorizeScript } from '../access/guard';
import { caller } from '../access/roles';
import { loadChannel } from '../channels/load-channel';
import { createClient, findClient } from '../inbound/client';
import { latestSession, openSession, reopen } from '../inbound/open-session';
import { appendMessage } from '../messages/append';
import { sendToClient } from '../messages/send-to-client';
import type { Channel, Line, Message, Session } from '../shared/apps';
import { refusal } from '../shared/errors';
import { input, ok, optionalText, requiredText } from '../shared/http';
import { messageView, sessionView } from '../shared/views';
import { operatorReplied, startSla } from '../sla/session-clocks';
import { assignTo } from './assign';
import { loadLine } from './load';

export interface NewSessionRequest {
    externalUserId: string;
    externalChatId: string;
    externalChatName: string | null;
    text: string;
}

/**
 * Starts (or resumes) a session with an external user and sends the first message, after
 * the permission and channel checks; the API method and the Live Chat Messages widget share it.
 * @throws ApiError FORBIDDEN_ROLE, OPERATOR_OFFLINE, CHANNEL_INACTIVE, CLIENT_HAS_OPEN_SESSION, SESSION_IS_SPAM
 */
export async function startSessionWith(user: UserItem, channel: Channel, line: Line, request: NewSessionRequest, byScript = false): Promise<{ session: Session; message: Message }> {
    if (byScript) authorizeScript(user, line, 'new_session');
    else await authorize(user, line, 'new_session');
    if (channel.data.kind.code !== 'other' || channel.data.state?.code !== 'active') {
        throw refusal('CHANNEL_INACTIVE', 'Sessions can be started only through a connected external channel');
    }
    const { externalUserId, externalChatId: chatId, externalChatName: chatName, text } = request;
    return System.transaction(async () => {
        const sender = { externalUserId };
        const client = (await findClient(channel, sender)) ?? (await createClient(channel, sender, chatName ?? externalUserId));
        const previous = await latestSession(channel, client);
        const state = previous?.data.state.code;
        if (previous && state === 'assigned_to_operator' && previous.data.operator?.id !== user.id) {
            throw refusal('CLIENT_HAS_OPEN_SESSION', 'Another operator is working with this client', { session: previous.id });
        }
        if (state === 'marked_as_spam') throw refusal('SESSION_IS_SPAM', 'The client\'s session is marked as spam', { session: previous!.id });
        if (previous && state === 'closed') {
            await reopen(previous, chatId);
            // Not distributed this time, so no SLA: the one it had ended at its close.
            await startSla(previous, null);
        }
        const session = previous ?? (await openSession(line, channel, client, { id: chatId, name: chatName })).session;
        if (session.data.operator?.id !== user.id || session.data.state.code !== 'assigned_to_operator') await assignTo(session, line, user.id, user.id);
        await operatorReplied(session);
        const message = await appendMessage(session, line, { authorKind: 'operator', author: user.id, text });
        await sendToClient(session, message);
        return { session, message };
    });
}

export async function startNewSession(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const channel = await loadChannel(values);
    const line = await loadLine(channel.data.line.id);
    await authorize(user, line, 'new_session');
    const externalUserId = requiredText(values, 'externalUserId', 200);
    const result = await startSessionWith(user, channel, line, {
        externalUserId,
        externalChatId: optionalText(values, 'externalChatId', 200) ?? externalUserId,
        externalChatName: optionalText(values, 'externalChatName', 200) ?? null,
        text: requiredText(values, 'text'),
    });
    return ok({ session: sessionView(result.session), message: messageView(result.message) }, 201);
}
