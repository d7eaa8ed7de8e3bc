/**
 * Online/Offline status of users (SPEC §3.3): one row per user, created on first use as
 * Offline, so nobody is auto-assigned before they said they are working.
 */
import type { OperatorState } from '../shared/apps';

export async function operatorState(userId: string): Promise<OperatorState | undefined> {
    return Namespace.app.operator_states.search().where((f) => f.user.eq(userId)).first();
}

export async function isOnline(userId: string): Promise<boolean> {
    return (await operatorState(userId))?.data.status.code === 'online';
}

/** Statuses of many users at once: the ids that are Online. */
export async function onlineAmong(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await Namespace.app.operator_states.search()
        .where((f, g) => g.and(f.user.in([...userIds]), f.status.eq('online'))).size(10_000).all();
    return new Set(rows.map((r) => r.data.user.id));
}

/** Sets the status; going Online counts as being seen now. */
export async function writeStatus(userId: string, status: 'online' | 'offline'): Promise<OperatorState> {
    const row = (await operatorState(userId)) ?? Namespace.app.operator_states.create();
    const user = await System.users.search().where((f) => f.__id.eq(userId)).first();
    row.data.__name = user?.data.fullname ?? userId;
    (row.data as { user: unknown }).user = userId;
    (row.data as { status: unknown }).status = status;
    if (status === 'online') row.data.last_seen_at = new TDatetime();
    await row.save();
    return row;
}
