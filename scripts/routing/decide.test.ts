/**
 * Property-based tests of the router: whatever the operators, loads, limits and rules,
 * it never assigns an Offline operator, never exceeds a limit, and "least occupied"
 * picks an operator with the minimum load.
 */
import fc from 'fast-check';
import { decide, DEFAULT_RULE, type RoutingSnapshot } from './decide';
import type { RoutingRule } from './rules';

const ids = ['ann', 'bob', 'cid', 'dan', 'eve'];
const groups = ['first', 'second'];

const operator = (id: string) => fc.record({
    id: fc.constant(id),
    online: fc.boolean(),
    active: fc.integer({ min: 0, max: 6 }),
    lastAssignedAt: fc.option(fc.integer({ min: 0, max: 1_000 }), { nil: null }),
    groups: fc.subarray(groups),
});

const snapshot: fc.Arbitrary<RoutingSnapshot> = fc.record({
    operators: fc.subarray(ids, { minLength: 0 }).chain((list) => fc.tuple(...list.map(operator))),
    lineActive: fc.integer({ min: 0, max: 20 }),
    lineLimit: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    perOperatorLimit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    lastOperatorId: fc.option(fc.constantFrom(...ids), { nil: null }),
    facts: fc.record({ first_session: fc.boolean() }),
});

const rule: fc.Arbitrary<RoutingRule> = fc.oneof(
    fc.constantFrom(...groups).map((group): RoutingRule => ({ name: `least ${group}`, activity: { kind: 'least_occupied', group } })),
    fc.constantFrom(...ids).map((userId): RoutingRule => ({ name: `user ${userId}`, activity: { kind: 'assign_user', userId } })),
    fc.constant<RoutingRule>({ name: 'last', conditions: { field: 'first_session', op: 'eq', value: false }, activity: { kind: 'assign_last_operator' } }),
    fc.constantFrom(...groups).map((group): RoutingRule => ({ name: `invite ${group}`, activity: { kind: 'invite_group', group } })),
);

describe('decide', () => {
    it('never assigns an Offline operator, nor one at their limit, nor beyond the live chat limit', () => {
        fc.assert(fc.property(snapshot, fc.array(rule, { maxLength: 4 }), (s, rules) => {
            const { outcome } = decide(rules, s);
            if (outcome.kind !== 'assign') return;
            const chosen = s.operators.find((o) => o.id === outcome.operatorId);
            expect(chosen?.online).toBe(true);
            if (s.perOperatorLimit) expect(chosen!.active).toBeLessThan(s.perOperatorLimit);
            if (s.lineLimit) expect(s.lineActive).toBeLessThan(s.lineLimit);
        }), { numRuns: 2_000 });
    });

    it('gives the least occupied rule an Online operator of the group with the fewest active sessions, ties to the longest waiting', () => {
        fc.assert(fc.property(snapshot, fc.constantFrom(...groups), (s, group) => {
            const decision = decide([{ name: 'least', activity: { kind: 'least_occupied', group } }], { ...s, lineLimit: null });
            const eligible = s.operators.filter((o) => o.online && o.groups.includes(group) && (!s.perOperatorLimit || o.active < s.perOperatorLimit));
            if (decision.outcome.kind !== 'assign') {
                expect(eligible).toHaveLength(0);
                return;
            }
            const chosen = s.operators.find((o) => o.id === (decision.outcome as { operatorId: string }).operatorId)!;
            const least = Math.min(...eligible.map((o) => o.active));
            expect(chosen.active).toBe(least);
            const tied = eligible.filter((o) => o.active === least);
            const earliest = Math.min(...tied.map((o) => o.lastAssignedAt ?? -Infinity));
            expect(chosen.lastAssignedAt ?? -Infinity).toBe(earliest);
        }), { numRuns: 2_000 });
    });

    it('skips a least occupied rule when nobody of the group is Online and falls to the Default rule', () => {
        const s: RoutingSnapshot = {
            facts: {}, lineActive: 0, lineLimit: null, perOperatorLimit: null, lastOperatorId: null,
            operators: [{ id: 'ann', online: false, active: 0, lastAssignedAt: null, groups: ['first'] }],
        };
        expect(decide([{ name: 'least', activity: { kind: 'least_occupied', group: 'first' } }], s))
            .toEqual({ rule: DEFAULT_RULE, outcome: { kind: 'queue', group: null, waitFor: null }, actions: [] });
    });

    it('holds a session for the group when its Online operators are all at their limit', () => {
        const s: RoutingSnapshot = {
            facts: {}, lineActive: 1, lineLimit: null, perOperatorLimit: 1, lastOperatorId: null,
            operators: [{ id: 'ann', online: true, active: 1, lastAssignedAt: null, groups: ['first'] }],
        };
        expect(decide([{ name: 'least', activity: { kind: 'least_occupied', group: 'first' } }], s).outcome)
            .toEqual({ kind: 'queue', group: 'first', waitFor: { group: 'first' } });
    });

    it('assigns the last operator only when the session is not the client\'s first', () => {
        const base: RoutingSnapshot = {
            facts: { first_session: false }, lineActive: 0, lineLimit: null, perOperatorLimit: null, lastOperatorId: 'bob',
            operators: [{ id: 'bob', online: true, active: 3, lastAssignedAt: 5, groups: [] }],
        };
        const rules: RoutingRule[] = [{ name: 'last', conditions: { field: 'first_session', op: 'eq', value: false }, activity: { kind: 'assign_last_operator' } }];
        expect(decide(rules, base).outcome).toEqual({ kind: 'assign', operatorId: 'bob' });
        expect(decide(rules, { ...base, facts: { first_session: true } }).rule).toBe(DEFAULT_RULE);
    });
});
