/**
 * `post_note` (SPEC §12): another extension's script posts a system note into a session;
 * only staff see it, the client never does.
 */
import type { TJSON } from '@brix/sdk';
import { postSystemNote } from '../messages/system-note';
import { requiredText } from '../shared/http';
import { requireOpen } from '../sessions/load';
import { sessionCall } from './call';

export async function automationPostNote(): Promise<TJSON> {
    const { values, user, session, line } = await sessionCall('system_note');
    const text = requiredText(values, 'text');
    requireOpen(session);
    const note = await postSystemNote(session, line, text, user.id);
    return { messageId: note.id };
}
