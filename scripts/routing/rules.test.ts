/**
 * Validation of stored routing rules: every problem is reported by path.
 */
import { ruleProblems, usableRules } from './rules';

describe('ruleProblems', () => {
    it('accepts a valid list', () => {
        expect(ruleProblems([
            { name: 'VIP', conditions: { items: [{ node: { field: 'client.name', op: 'contains', value: 'vip' } }, { connector: 'or_not', node: { field: 'time', op: 'lt', value: '08:00' } }] }, activity: { kind: 'least_occupied', group: 'operators' }, actions: [{ kind: 'set_priority', value: 'high' }] },
            { name: 'Back', conditions: { field: 'first_session', op: 'eq', value: false }, activity: { kind: 'assign_last_operator' } },
        ])).toEqual([]);
    });

    it('lists every problem by path', () => {
        expect(ruleProblems([
            { name: '', activity: { kind: 'teleport' } },
            { name: 'x', conditions: { field: 'time', op: 'like', value: 1 }, activity: { kind: 'invite_group' }, actions: [{ kind: 'set_priority', value: 'urgent' }] },
            { name: 'y', activity: { kind: 'assign_last_operator' } },
        ])).toEqual([
            'rules.0.name: required',
            'rules.0.activity.kind: unknown activity',
            'rules.1.conditions.op: expected one of eq, neq, lt, lte, gt, gte, contains',
            'rules.1.activity.group: required',
            'rules.1.actions.0.value: expected low, medium or high',
            'rules.2.activity: "assign the last operator" needs the condition first_session = no',
        ]);
        expect(ruleProblems('nope')).toEqual(['rules: expected a list']);
    });

    it('routes nothing from a malformed stored list and skips disabled rules', () => {
        expect(usableRules([{ name: 'bad' }])).toEqual([]);
        expect(usableRules([{ name: 'off', enabled: false, activity: { kind: 'invite_all' } }, { name: 'on', activity: { kind: 'invite_all' } }]).map((r) => r.name)).toEqual(['on']);
    });
});
