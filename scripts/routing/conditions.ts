/**
 * Evaluates a rule's conditions against the facts of a session. Pure.
 */
import type { ConditionLeaf, ConditionNode } from './rules';

export type FactValue = string | number | boolean | null;

/** What conditions can look at, flattened: `channel`, `time`, `client.name`, `custom.x`, ... */
export type Facts = Readonly<Record<string, FactValue>>;

const asNumber = (v: FactValue): number | undefined =>
    typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : undefined;

/** Orders two values: numerically when both are numbers, otherwise as text (HH:mm sorts right). */
function order(a: FactValue, b: FactValue): number {
    const x = asNumber(a);
    const y = asNumber(b);
    if (x !== undefined && y !== undefined) return x - y;
    return String(a ?? '').localeCompare(String(b ?? ''));
}

/** Equality: numeric when both are numbers, otherwise text ignoring case (null equals ''). */
function same(a: FactValue, b: FactValue): boolean {
    const x = asNumber(a);
    const y = asNumber(b);
    if (x !== undefined && y !== undefined) return x === y;
    return String(a ?? '').toLowerCase() === String(b ?? '').toLowerCase();
}

function leaf(c: ConditionLeaf, facts: Facts): boolean {
    const actual = facts[c.field] ?? null;
    switch (c.op) {
        case 'eq': return same(actual, c.value);
        case 'neq': return !same(actual, c.value);
        case 'contains': return actual !== null && String(actual).toLowerCase().includes(String(c.value ?? '').toLowerCase());
        default: {
            if (actual === null || actual === '' || c.value === null) return false;
            const d = order(actual, c.value);
            return c.op === 'lt' ? d < 0 : c.op === 'lte' ? d <= 0 : c.op === 'gt' ? d > 0 : d >= 0;
        }
    }
}

/** Whether the node holds; an absent node always holds. */
export function holds(node: ConditionNode | undefined, facts: Facts): boolean {
    if (!node) return true;
    if (!('items' in node)) return leaf(node, facts);
    return node.items.reduce<boolean>((acc, item, i) => {
        const value = holds(item.node, facts);
        if (i === 0) return value;
        switch (item.connector) {
            case 'or': return acc || value;
            case 'and_not': return acc && !value;
            case 'or_not': return acc || !value;
            default: return acc && value;
        }
    }, true);
}
