/**
 * `close_session` (SPEC §12): another extension's script closes a session, as the desk's
 * Close does; `note` replaces the usual "closed by" system note.
 */
import type { TJSON } from '@brix/sdk';
import closedNote from '../../templates/notes/closed.hbs';
import { nameOf } from '../messages/system-note';
import { optionalText } from '../shared/http';
import { renderText } from '../shared/render-template';
import { closeOpenSession } from '../sessions/close';
import { withFreshSession } from '../sessions/fresh';
import { sessionCall } from './call';

export async function automationCloseSession(): Promise<TJSON> {
    const { values, user, session, line } = await sessionCall('close');
    const note = optionalText(values, 'note') ?? renderText(closedNote, { operator: await nameOf(user.id) });
    await withFreshSession(session, async () => closeOpenSession(session, line, user.id, note));
    return { sessionId: session.id, state: session.data.state.code };
}
