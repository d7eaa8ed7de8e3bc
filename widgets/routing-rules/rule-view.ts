/**
 * What the routing-rule template draws from the form state: every choice with its `selected`
 * flag, and each rule's conditions flattened into indented rows (a group's header, its items,
 * then its "add" row), since the template cannot recurse.
 */
import { conditionFields } from '../../scripts/routing/rules';
import type { FormGroup, FormRule } from './rule-form';

export interface Catalogue {
    groups: { code: string; name: string }[];
    operators: { id: string; name: string }[];
    slas: { id: string; name: string }[];
    channels: { id: string; name: string }[];
}

const options = (list: { value: string; label: string }[], current: string) => list.map((o) => ({ ...o, selected: o.value === current }));

const fieldNames: Record<string, string> = {
    channel: 'Channel (id)', channel_kind: 'Channel kind', time: 'Time (HH:mm)', weekday: 'Weekday (1 = Monday)', priority: 'Priority',
    first_session: 'First session with the client', 'client.name': 'Client name', 'client.username': 'Client username',
    'client.email': 'Client e-mail', 'client.phone': 'Client phone', 'client.external_user_id': 'Client external id',
};
const ops = [
    { value: 'eq', label: '=' }, { value: 'neq', label: '≠' }, { value: 'lt', label: '<' }, { value: 'lte', label: '≤' },
    { value: 'gt', label: '>' }, { value: 'gte', label: '≥' }, { value: 'contains', label: 'contains' },
];
const connectors = [{ value: 'and', label: 'AND' }, { value: 'or', label: 'OR' }, { value: 'and_not', label: 'AND NOT' }, { value: 'or_not', label: 'OR NOT' }];
export const activities = [
    { value: 'invite_all', label: 'Invite all operators (common queue)' },
    { value: 'invite_group', label: 'Invite all operators of a group' },
    { value: 'least_occupied', label: 'Assign to the least occupied operator of a group' },
    { value: 'assign_user', label: 'Assign operator' },
    { value: 'assign_last_operator', label: 'Assign to the last operator' },
    { value: 'assign_bot', label: 'Assign to bot' },
];
const actionKinds = [
    { value: 'auto_reply', label: 'Automatic reply to a first-time client' }, { value: 'set_priority', label: 'Set priority' },
    { value: 'set_property', label: 'Set a custom property' }, { value: 'start_automation', label: 'Start automation' },
];
const priorities = ['low', 'medium', 'high'].map((p) => ({ value: p, label: p }));

/** Fields offered: the catalogue, plus a custom property already used. */
function fieldOptions(current: string) {
    const list = conditionFields.map((f) => ({ value: f, label: fieldNames[f] ?? f }));
    if (current && !conditionFields.includes(current)) list.push({ value: current, label: current });
    return options(list, current);
}

/** Fields whose values are a fixed few get a picker; a stored value not among them stays offered. */
function valueChoices(field: string, value: string, c: Catalogue) {
    const list = field === 'channel' ? c.channels.map((ch) => ({ value: ch.id, label: ch.name }))
        : field === 'priority' ? [{ value: '', label: 'none' }, ...priorities]
            : field === 'first_session' ? [{ value: 'true', label: 'yes' }, { value: 'false', label: 'no' }] : null;
    if (!list) return null;
    if (!list.some((o) => o.value === value)) list.unshift({ value, label: value || 'Pick a value' });
    return options(list, value);
}

function conditionRows(group: FormGroup, path: string, depth: number, label: string, prefix: string, c: Catalogue) {
    const rows: Record<string, unknown>[] = [];
    group.items.forEach((item, i) => {
        const p = path ? `${path}.${i}` : String(i);
        const name = `${label} ${p.split('.').map((n) => Number(n) + 1).join('.')}`;
        const common = { path: p, depth, name, id: `${prefix}-c${p.replace(/\./g, '-')}`, hasConnector: i > 0, connectors: options(connectors, item.connector) };
        if (item.node.kind === 'group') {
            rows.push({ ...common, isGroup: true });
            rows.push(...conditionRows(item.node, p, depth + 1, label, prefix, c));
        } else {
            const leaf = item.node;
            rows.push({
                ...common, isLeaf: true, fields: fieldOptions(leaf.field), ops: options(ops, leaf.op), value: leaf.value,
                choices: valueChoices(leaf.field, leaf.value, c),
            });
        }
    });
    rows.push({ isAdd: true, path, depth, id: `${prefix}-add${path ? `-${path.replace(/\./g, '-')}` : ''}`, groupName: path ? `group ${path.split('.').map((n) => Number(n) + 1).join('.')}` : 'conditions' });
    return rows;
}

export function rulesView(rules: FormRule[], c: Catalogue) {
    return rules.map((r, index) => {
        const prefix = `rr-${index}`;
        const label = `Rule ${index + 1} condition`;
        return {
            index, number: index + 1, id: prefix, name: r.name, enabled: r.enabled, first: index === 0, last: index === rules.length - 1,
            slas: options([{ value: '', label: 'None' }, ...c.slas.map((s) => ({ value: s.id, label: s.name }))], r.sla),
            activities: options(activities, r.activity),
            needsGroup: r.activity === 'invite_group' || r.activity === 'least_occupied', needsUser: r.activity === 'assign_user',
            groups: options([{ value: '', label: 'Pick a group' }, ...c.groups.map((g) => ({ value: g.code, label: g.name }))], r.group),
            operators: options([{ value: '', label: 'Pick an operator' }, ...c.operators.map((o) => ({ value: o.id, label: o.name }))], r.userId),
            rows: conditionRows(r.conditions, '', 0, label, prefix, c).map((row) => ({ ...row, rule: index })),
            actions: r.actions.map((a, i) => ({
                rule: index, index: i, number: i + 1, id: `${prefix}-a${i}`, kinds: options(actionKinds, a.kind), text: a.text, key: a.key, value: a.value,
                isReply: a.kind === 'auto_reply', isPriority: a.kind === 'set_priority', isProperty: a.kind === 'set_property', isAutomation: a.kind === 'start_automation',
                priorities: options(priorities, a.value),
            })),
            problems: r.problems,
        };
    });
}
