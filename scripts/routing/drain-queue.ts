/**
 * When capacity frees (a session closes, is reassigned or marked spam, an operator comes
 * Online, an administrator raises a limit of the live chat), assigns the oldest waiting sessions that a rule put on hold for a group or a
 * user at their limit. Runs on the `live_chats.capacity_freed` event, payload `{ line }`.
 */
import { assignTo } from '../sessions/assign';
import type { Line } from '../shared/apps';
import { placeWaiting, type WaitFor } from './decide';
import { routingSnapshot } from './snapshot';

function waitForOf(value: unknown): WaitFor | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Record<string, unknown>;
    if (typeof v.group === 'string') return { group: v.group };
    if (typeof v.user === 'string') return { user: v.user };
    return undefined;
}

export async function drainQueue(line: Line): Promise<number> {
    const waiting = await Namespace.app.sessions.search()
        .where((f, g) => g.and(f.line.eq(line.id), f.state.eq('waiting')))
        .sort('waiting_since').size(1_000).all();
    let assigned = 0;
    for (const session of waiting) {
        const waitFor = waitForOf(session.data.auto_assign);
        if (!waitFor) continue;
        const operatorId = await System.transaction(async () => {
            await session.reload();
            if (session.data.state.code !== 'waiting') return undefined;
            const id = placeWaiting(waitFor, await routingSnapshot(line, {}, null));
            if (id) await assignTo(session, line, id, null);
            return id;
        });
        if (operatorId) assigned++;
    }
    return assigned;
}

/** Event handler of `live_chats.capacity_freed`; a deleted live chat has no queue left to drain. */
export async function onCapacityFreed(): Promise<void> {
    const { line: id } = Context.data.payload as { line: string };
    const line = await Namespace.app.lines.search().where((f) => f.__id.eq(id)).first();
    if (line) await drainQueue(line);
}

/**
 * Item event handler of `lines`: a saved live chat may have raised its limits, and the
 * sessions held for them should not wait for the next close. Draining is idempotent, so
 * a save that changed no limit only looks.
 */
export async function onLineSaved(): Promise<void> {
    const line = Context.data.__item as unknown as Line | undefined;
    if (line && !line.data.__deletedAt) await drainQueue(line);
}

/** Raises `live_chats.capacity_freed` for a live chat. */
export async function capacityFreed(lineId: string): Promise<void> {
    await System.events.emit('live_chats.capacity_freed', { line: lineId });
}
