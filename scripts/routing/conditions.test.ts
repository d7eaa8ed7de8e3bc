/**
 * Conditions of routing rules: every operator, the four connectors folded left to right,
 * and nested groups.
 */
import { holds, type Facts } from './conditions';
import type { ConditionNode } from './rules';

const facts: Facts = { time: '09:30', priority: 'high', 'client.name': 'Alice Smith', first_session: true, 'custom.tier': 3, channel: 'ch-1' };
const leaf = (field: string, op: 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains', value: string | number | boolean | null): ConditionNode => ({ field, op, value });

describe('holds', () => {
    it.each([
        [leaf('priority', 'eq', 'HIGH'), true],
        [leaf('priority', 'neq', 'high'), false],
        [leaf('time', 'gte', '09:00'), true],
        [leaf('time', 'lt', '09:00'), false],
        [leaf('time', 'lte', '09:30'), true],
        [leaf('custom.tier', 'gt', 2), true],
        [leaf('custom.tier', 'gt', '10'), false],
        [leaf('client.name', 'contains', 'smith'), true],
        [leaf('first_session', 'eq', true), true],
        [leaf('first_session', 'eq', false), false],
        [leaf('client.email', 'eq', null), true],
        [leaf('client.email', 'gt', 'a'), false],
        [leaf('channel', 'eq', 'ch-2'), false],
    ])('%j is %s', (node, want) => {
        expect(holds(node, facts)).toBe(want);
    });

    it('folds connectors left to right: AND, OR, AND NOT, OR NOT', () => {
        const yes = leaf('priority', 'eq', 'high');
        const no = leaf('priority', 'eq', 'low');
        expect(holds({ items: [{ node: yes }, { connector: 'and', node: no }] }, facts)).toBe(false);
        expect(holds({ items: [{ node: no }, { connector: 'or', node: yes }] }, facts)).toBe(true);
        expect(holds({ items: [{ node: yes }, { connector: 'and_not', node: no }] }, facts)).toBe(true);
        expect(holds({ items: [{ node: no }, { connector: 'or_not', node: no }] }, facts)).toBe(true);
        expect(holds({ items: [{ node: no }, { connector: 'or', node: yes }, { connector: 'and', node: no }] }, facts)).toBe(false);
    });

    it('evaluates nested groups as one value', () => {
        const yes = leaf('priority', 'eq', 'high');
        const no = leaf('priority', 'eq', 'low');
        const group: ConditionNode = { items: [{ node: no }, { connector: 'or', node: { items: [{ node: yes }, { connector: 'and', node: yes }] } }] };
        expect(holds(group, facts)).toBe(true);
        expect(holds(undefined, facts)).toBe(true);
    });
});
