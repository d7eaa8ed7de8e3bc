/**
 * Runs a change on a session inside one transaction after re-reading it, so two people
 * acting at once never overwrite each other with a stale copy.
 */
import type { Session } from '../shared/apps';

export async function withFreshSession<T>(session: Session, work: () => Promise<T>): Promise<T> {
    return System.transaction(async () => {
        await session.reload();
        return work();
    });
}
