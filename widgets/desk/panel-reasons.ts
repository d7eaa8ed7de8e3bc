/**
 * The reasons written under the session panel's buttons. Only buttons the panel draws get
 * a reason: Start work is drawn only while the session waits, so its refusal ("not waiting
 * in the queue") would only puzzle whoever reads an assigned session. Likewise only one of
 * Lock account and Unlock account is drawn, as the client is locked or not, and Remove
 * from spam only on a spam session.
 */
import { compact, uniq } from 'lodash-es';
import type { SessionCard } from './desk-state';

/** What the Offline refusal says; the top of the desk explains being Offline already. */
const OFFLINE = 'Switch to Online to work on sessions';

function isDrawn(card: Pick<SessionCard, 'session' | 'clientLock'>, action: string): boolean {
    if (action === 'take') return card.session.state === 'waiting';
    if (action === 'unmark_spam') return card.session.state === 'marked_as_spam';
    if (action === 'lock_client') return card.clientLock.lockable && !card.clientLock.locked;
    if (action === 'unlock_client') return card.clientLock.lockable && card.clientLock.locked;
    return true;
}

export function panelReasons(card: Pick<SessionCard, 'session' | 'refusals'> & Partial<Pick<SessionCard, 'clientLock'>>): string[] {
    const drawn = Object.entries(card.refusals).filter(([action]) => isDrawn({ session: card.session, clientLock: card.clientLock ?? { locked: false, lockable: false } }, action));
    const reasons = uniq(compact(drawn.map(([, reason]) => reason)));
    return reasons.length === 1 && reasons[0] === OFFLINE ? [] : reasons;
}
