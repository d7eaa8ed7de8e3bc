/**
 * Picks the least occupied operator (SPEC §3.4): Online, under their limit, fewest active
 * sessions; ties go to whoever waited longest since their last assignment (never assigned
 * waits longest), then by id so the choice is stable. Pure.
 */
export interface OperatorLoad {
    id: string;
    online: boolean;
    /** Sessions assigned to them and not closed or spam, in this live chat. */
    active: number;
    /** Milliseconds since the epoch of their last assignment, or null. */
    lastAssignedAt: number | null;
}

/** Whether the operator may get one more session: Online and under the per-operator limit. */
export function hasRoom(op: OperatorLoad, perOperatorLimit: number | null): boolean {
    return op.online && (!perOperatorLimit || op.active < perOperatorLimit);
}

export function leastOccupied(candidates: readonly OperatorLoad[], perOperatorLimit: number | null): OperatorLoad | undefined {
    const eligible = candidates.filter((op) => hasRoom(op, perOperatorLimit));
    eligible.sort((a, b) =>
        a.active - b.active
        || (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity)
        || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return eligible[0];
}
