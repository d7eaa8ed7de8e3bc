/**
 * `start_session` — "send live chat message" (SPEC §12): another extension's script starts
 * (or resumes) a session with an external user of a connected channel and sends the first
 * message, as the desk's +New session does for the user the call runs for.
 */
import type { TJSON } from '@brix/sdk';
import { loadChannel } from '../channels/load-channel';
import { optionalText, requiredText } from '../shared/http';
import { loadLine } from '../sessions/load';
import { startSessionWith } from '../sessions/start-new';
import { scriptCall } from './call';

export async function automationStartSession(): Promise<TJSON> {
    const { values, user } = await scriptCall();
    const channel = await loadChannel(values);
    const line = await loadLine(channel.data.line.id);
    const externalUserId = requiredText(values, 'externalUserId', 200);
    const { session, message } = await startSessionWith(user, channel, line, {
        externalUserId,
        externalChatId: optionalText(values, 'externalChatId', 200) ?? externalUserId,
        externalChatName: optionalText(values, 'externalChatName', 200) ?? null,
        text: requiredText(values, 'text'),
    }, true);
    return { sessionId: session.id, messageId: message.id };
}
