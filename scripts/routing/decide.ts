/**
 * The router (SPEC §3.4): rules top to bottom, the first that applies decides; otherwise
 * the Default rule puts the session in the common queue. Pure, so the guarantees (never an
 * Offline operator, never over a limit, least occupied is a minimum) are property-tested.
 */
import { holds, type Facts } from './conditions';
import { hasRoom, leastOccupied, type OperatorLoad } from './least-occupied';
import type { Activity, RoutingRule, RuleAction } from './rules';

export interface RoutingSnapshot {
    facts: Facts;
    /** The live chat's operators with the groups they belong to. */
    operators: readonly (OperatorLoad & { groups: readonly string[] })[];
    /** Active (assigned) sessions in the live chat now. */
    lineActive: number;
    lineLimit: number | null;
    perOperatorLimit: number | null;
    /** The client's previous operator, for "assign to the last operator". */
    lastOperatorId: string | null;
}

/** Who a session waits for when the rule's operators are all at their limit. */
export type WaitFor = { group: string } | { user: string };

export type Outcome =
    | { kind: 'assign'; operatorId: string }
    | { kind: 'queue'; group: string | null; waitFor: WaitFor | null }
    | { kind: 'bot' };

export interface Decision {
    rule: string;
    outcome: Outcome;
    actions: readonly RuleAction[];
    /** The SLA the rule names, when it names one. */
    sla?: string;
}

export const DEFAULT_RULE = 'Default';

const lineFull = (s: RoutingSnapshot) => Boolean(s.lineLimit) && s.lineActive >= (s.lineLimit as number);

/** The operator a waiting session can go to now, if any. */
export function placeWaiting(waitFor: WaitFor, s: RoutingSnapshot): string | undefined {
    if (lineFull(s)) return undefined;
    if ('user' in waitFor) {
        const op = s.operators.find((o) => o.id === waitFor.user);
        return op && hasRoom(op, s.perOperatorLimit) ? op.id : undefined;
    }
    return leastOccupied(s.operators.filter((o) => o.groups.includes(waitFor.group)), s.perOperatorLimit)?.id;
}

/** The outcome of an activity, or undefined when the rule is skipped. */
function apply(activity: Activity, s: RoutingSnapshot): Outcome | undefined {
    const assignOrWait = (waitFor: WaitFor, group: string | null): Outcome => {
        const id = placeWaiting(waitFor, s);
        return id ? { kind: 'assign', operatorId: id } : { kind: 'queue', group, waitFor };
    };
    const onlineUser = (id: string | null) => (id ? s.operators.find((o) => o.id === id && o.online) : undefined);
    switch (activity.kind) {
        case 'least_occupied':
            if (!s.operators.some((o) => o.online && o.groups.includes(activity.group))) return undefined;
            return assignOrWait({ group: activity.group }, activity.group);
        case 'invite_group': return { kind: 'queue', group: activity.group, waitFor: null };
        case 'invite_all': return { kind: 'queue', group: null, waitFor: null };
        case 'assign_user':
            return onlineUser(activity.userId) ? assignOrWait({ user: activity.userId }, null) : undefined;
        case 'assign_last_operator':
            if (s.facts.first_session !== false) return undefined;
            return onlineUser(s.lastOperatorId) ? assignOrWait({ user: s.lastOperatorId as string }, null) : undefined;
        case 'assign_bot': return { kind: 'bot' };
    }
}

export function decide(rules: readonly RoutingRule[], s: RoutingSnapshot): Decision {
    for (const rule of rules) {
        if (!holds(rule.conditions, s.facts)) continue;
        const outcome = apply(rule.activity, s);
        if (outcome) return { rule: rule.name, outcome, actions: rule.actions ?? [], ...(rule.sla ? { sla: rule.sla } : {}) };
    }
    return { rule: DEFAULT_RULE, outcome: { kind: 'queue', group: null, waitFor: null }, actions: [] };
}
