/**
 * The reasons written under the session panel's buttons. Only buttons the panel draws get
 * a reason: Start work is drawn only while the session waits, so its refusal ("not waiting
 * in the queue") would only puzzle whoever reads an assigned session.
 */
import { compact, uniq } from 'lodash-es';
import type { SessionCard } from './desk-state';

/** What the Offline refusal says; the top of the desk explains being Offline already. */
const OFFLINE = 'Switch to Online to work on sessions';

export function panelReasons(card: Pick<SessionCard, 'session' | 'refusals'>): string[] {
    const drawn = Object.entries(card.refusals).filter(([action]) => action !== 'take' || card.session.state === 'waiting');
    const reasons = uniq(compact(drawn.map(([, reason]) => reason)));
    return reasons.length === 1 && reasons[0] === OFFLINE ? [] : reasons;
}
