/**
 * The routing-rule builder's model: stored rules (scripts/routing/rules.ts) as form state an
 * administrator edits without JSON, and back. Pure, so the round trip can be tested alone.
 * Conditions are kept as a root group; a path such as `1.0` names item 0 of the group at
 * item 1 of the root.
 */
import type { Activity, CompareOp, ConditionGroup, ConditionNode, Connector, RoutingRule, RuleAction } from '../../scripts/routing/rules';

export interface FormLeaf { kind: 'leaf'; field: string; op: CompareOp; value: string }
export interface FormGroup { kind: 'group'; items: { connector: Connector; node: FormLeaf | FormGroup }[] }
export type FormNode = FormLeaf | FormGroup;

export interface FormAction { kind: RuleAction['kind']; text: string; key: string; value: string }

export interface FormRule {
    name: string;
    enabled: boolean;
    sla: string;
    conditions: FormGroup;
    activity: Activity['kind'];
    group: string;
    userId: string;
    actions: FormAction[];
    /** The server's problems with this rule, shown beside it. */
    problems: string[];
}

const isGroup = (n: ConditionNode): n is ConditionGroup => 'items' in n;

function nodeToForm(node: ConditionNode): FormNode {
    if (!isGroup(node)) return { kind: 'leaf', field: node.field, op: node.op, value: node.value === null ? '' : String(node.value) };
    return { kind: 'group', items: node.items.map((i, n) => ({ connector: n === 0 ? 'and' : i.connector ?? 'and', node: nodeToForm(i.node) })) };
}

/** A leaf's value as the rule stores it: weekdays are numbers, "first session" yes/no. */
function leafValue(field: string, text: string): string | number | boolean {
    if (field === 'first_session') return text === 'true';
    if (field === 'weekday' && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
    return text;
}

function nodeFromForm(node: FormNode): ConditionNode {
    if (node.kind === 'leaf') return { field: node.field, op: node.op, value: leafValue(node.field, node.value) };
    return { items: node.items.map((i, n) => (n === 0 ? { node: nodeFromForm(i.node) } : { connector: i.connector, node: nodeFromForm(i.node) })) };
}

function actionToForm(a: RuleAction): FormAction {
    switch (a.kind) {
        case 'auto_reply': return { kind: a.kind, text: a.template ?? '', key: '', value: '' };
        case 'set_priority': return { kind: a.kind, text: '', key: '', value: a.value };
        case 'set_property': return { kind: a.kind, text: '', key: a.key, value: String(a.value) };
        case 'start_automation': return { kind: a.kind, text: a.automation, key: '', value: a.params ? JSON.stringify(a.params) : '' };
    }
}

function actionFromForm(a: FormAction): RuleAction {
    switch (a.kind) {
        case 'auto_reply': return a.text.trim() ? { kind: a.kind, template: a.text } : { kind: a.kind };
        case 'set_priority': return { kind: a.kind, value: a.value as 'low' | 'medium' | 'high' };
        case 'set_property': return { kind: a.kind, key: a.key, value: a.value };
        case 'start_automation': {
            // Parameters are names with plain values; text that is not such an object goes as is and the server says why.
            let params: unknown;
            try { params = a.value.trim() ? JSON.parse(a.value) : undefined; } catch { params = a.value; }
            return params === undefined ? { kind: a.kind, automation: a.text } : { kind: a.kind, automation: a.text, params: params as Record<string, string> };
        }
    }
}

export function ruleToForm(rule: RoutingRule): FormRule {
    const root = rule.conditions ? nodeToForm(rule.conditions) : { kind: 'group' as const, items: [] };
    const a = rule.activity;
    return {
        name: rule.name, enabled: rule.enabled !== false, sla: rule.sla ?? '',
        conditions: root.kind === 'group' ? root : { kind: 'group', items: [{ connector: 'and', node: root }] },
        activity: a.kind, group: 'group' in a ? a.group : '', userId: a.kind === 'assign_user' ? a.userId : '',
        actions: (rule.actions ?? []).map(actionToForm), problems: [],
    };
}

function activityFromForm(r: FormRule): Activity {
    switch (r.activity) {
        case 'least_occupied': case 'invite_group': return { kind: r.activity, group: r.group };
        case 'assign_user': return { kind: r.activity, userId: r.userId };
        default: return { kind: r.activity };
    }
}

export function ruleFromForm(r: FormRule): RoutingRule {
    const rule: RoutingRule = { name: r.name, activity: activityFromForm(r) };
    if (!r.enabled) rule.enabled = false;
    if (r.sla) rule.sla = r.sla;
    if (r.conditions.items.length) rule.conditions = nodeFromForm(r.conditions);
    if (r.actions.length) rule.actions = r.actions.map(actionFromForm);
    return rule;
}

export const newLeaf = (): FormLeaf => ({ kind: 'leaf', field: 'channel_kind', op: 'eq', value: '' });
export const newRule = (n: number): FormRule => ({
    name: `Rule ${n}`, enabled: true, sla: '', conditions: { kind: 'group', items: [] }, activity: 'invite_all', group: '', userId: '', actions: [], problems: [],
});
export const newAction = (): FormAction => ({ kind: 'auto_reply', text: '', key: '', value: '' });

/** The node at a path of the rule's conditions (`''` is the root group). */
export function nodeAt(rule: FormRule, path: string): FormNode {
    let node: FormNode = rule.conditions;
    for (const step of path ? path.split('.').map(Number) : []) {
        if (node.kind !== 'group' || !node.items[step]) throw new Error(`No condition at ${path}`);
        node = node.items[step].node;
    }
    return node;
}

/** The group holding the item at `path`, and the item's index in it. */
export function parentOf(rule: FormRule, path: string): { group: FormGroup; index: number } {
    const steps = path.split('.');
    const index = Number(steps.pop());
    const group = nodeAt(rule, steps.join('.'));
    if (group.kind !== 'group') throw new Error(`No group at ${path}`);
    return { group, index };
}

/** Moves an item of a list one place up (-1) or down (+1); answers whether it moved. */
export function move<T>(list: T[], index: number, by: -1 | 1): boolean {
    const to = index + by;
    if (to < 0 || to >= list.length) return false;
    [list[index], list[to]] = [list[to], list[index]];
    return true;
}

/** The server's problems (`rules.<i>.<where>: <what>` lines of its message) by rule index. */
export function problemsByRule(message: string): Map<number, string[]> {
    const found = new Map<number, string[]>();
    for (const line of message.split('\n')) {
        const m = /^rules\.(\d+)(?:\.(\S+))?: (.*)$/.exec(line.trim());
        if (!m) continue;
        const i = Number(m[1]);
        found.set(i, [...(found.get(i) ?? []), m[2] ? `${m[2]}: ${m[3]}` : m[3]]);
    }
    return found;
}
