/**
 * Gathers what the pure router needs about a live chat's operators: who is Online, how
 * many active sessions each has, and when each was last assigned.
 */
import { groupCodes, type Line } from '../shared/apps';
import type { Facts } from './conditions';
import type { RoutingSnapshot } from './decide';

/** The live chat's operators by id, with the operator groups each is in. */
export async function lineOperators(line: Line): Promise<Map<string, string[]>> {
    const members = new Map<string, string[]>();
    for (const code of groupCodes(line.data.operator_groups)) {
        const group = await System.userGroups.get(code);
        for (const user of (await group?.users()) ?? []) {
            if (user.data.__status !== 'active') continue;
            members.set(user.id, [...(members.get(user.id) ?? []), code]);
        }
    }
    return members;
}

const positive = (n: number | null) => (n && n > 0 ? n : null);

export async function routingSnapshot(line: Line, facts: Facts, lastOperatorId: string | null): Promise<RoutingSnapshot> {
    const members = await lineOperators(line);
    const ids = [...members.keys()];
    // Counted in the store per operator (a covering index range): every new session is routed, and
    // reading each active session as an item cost tens of milliseconds with thousands open.
    const perOperator = await Namespace.app.sessions.search()
        .where((f, g) => g.and(f.line.eq(line.id), f.state.eq('assigned_to_operator')))
        .aggregate({ groupBy: ['operator'] });
    const counts = new Map<string, number>();
    let lineActive = 0;
    for (const group of perOperator) {
        lineActive += group.count;
        const operator = group.group.operator;
        if (typeof operator === 'string') counts.set(operator, group.count);
    }
    // One read of the operators' states gives both who is Online and when each was last assigned.
    const states = ids.length
        ? await Namespace.app.operator_states.search().where((f) => f.user.in(ids)).size(10_000).all()
        : [];
    const online = new Set(states.filter((s) => s.data.status.code === 'online').map((s) => s.data.user.id));
    const lastAssigned = new Map(states.map((s) => [s.data.user.id, s.data.last_assigned_at?.getTime() ?? null]));
    return {
        facts,
        operators: ids.map((id) => ({
            id, groups: members.get(id) ?? [], online: online.has(id), active: counts.get(id) ?? 0, lastAssignedAt: lastAssigned.get(id) ?? null,
        })),
        lineActive,
        lineLimit: positive(line.data.max_active_sessions),
        perOperatorLimit: positive(line.data.max_active_per_operator),
        lastOperatorId,
    };
}
