/**
 * The routing-rule builder (SPEC §3.4): an administrator picks a live chat and edits its
 * ordered rules with pickers and buttons instead of JSON. Saving goes through
 * `set_routing_rules`, which checks the whole list on the server; its problems are shown
 * beside the rule they concern. Every change keeps focus where the user was.
 */
import type { TJSON } from '@brix/sdk';
import type { RoutingRule } from '../../scripts/routing/rules';
import { move, newAction, newLeaf, newRule, nodeAt, parentOf, problemsByRule, ruleFromForm, ruleToForm, type FormRule } from './rule-form';
import { rulesView, type Catalogue } from './rule-view';

interface Loaded extends Catalogue {
    lines: { id: string; name: string }[];
    lineId: string | null;
    rules: RoutingRule[];
}

let rules: FormRule[] = [];
let catalogue: Catalogue = { groups: [], operators: [], slas: [], channels: [] };

function draw(focusId?: string): void {
    Context.data.rules = rulesView(rules, catalogue) as unknown as TJSON;
    Context.data.empty = rules.length === 0;
    ViewContext.rerender();
    if (focusId) ViewContext.root.querySelector<HTMLElement>(`#${CSS.escape(focusId)}`)?.focus();
}

async function load(lineId?: string): Promise<void> {
    try {
        const answer = await Server.call<Loaded>('routing_rules', lineId ? { lineId } : {});
        rules = answer.rules.map(ruleToForm);
        catalogue = answer;
        Context.data.lines = answer.lines.map((l) => ({ ...l, selected: l.id === answer.lineId })) as unknown as TJSON;
        Context.data.lineId = answer.lineId;
        Context.data.error = null;
    } catch (error) {
        Context.data.error = error instanceof Error ? error.message : String(error);
    }
}

export async function onInit(): Promise<void> {
    await load();
    Context.data.rules = rulesView(rules, catalogue) as unknown as TJSON;
    Context.data.empty = rules.length === 0;
}

// The shell delegates events from the widget's root: the element acted on is the one naming the handler.
const target = (e: Event) => ((e.target as Element).closest('[data-on-click], [data-on-change]') ?? e.target) as HTMLElement;
const ruleOf = (e: Event) => Number(target(e).closest<HTMLElement>('[data-rule]')!.dataset.rule);
const pathOf = (e: Event) => target(e).dataset.path ?? '';

export async function pickLine(e: Event): Promise<void> {
    await load((target(e) as HTMLSelectElement).value);
    draw('rr-line');
}

export function addRule(): void {
    rules.push(newRule(rules.length + 1));
    draw(`rr-${rules.length - 1}-name`);
}

export function removeRule(e: Event): void {
    const i = ruleOf(e);
    rules.splice(i, 1);
    draw(rules.length ? `rr-${Math.min(i, rules.length - 1)}-name` : 'rr-add');
}

function shift(e: Event, by: -1 | 1): void {
    const i = ruleOf(e);
    if (move(rules, i, by)) draw(`rr-${i + by}-${by < 0 && i + by > 0 ? 'up' : by > 0 && i + by < rules.length - 1 ? 'down' : 'name'}`);
}
export const moveUp = (e: Event) => shift(e, -1);
export const moveDown = (e: Event) => shift(e, 1);

/** A rule's own controls: name, active, SLA, activity and whom it names. */
export function editRule(e: Event): void {
    const el = target(e) as HTMLInputElement;
    const r = rules[ruleOf(e)];
    const key = el.name as 'name' | 'sla' | 'activity' | 'group' | 'userId' | 'enabled';
    if (key === 'enabled') r.enabled = el.checked;
    else (r[key] as string) = el.value;
    if (key === 'activity') draw(el.id);
}

export function editCondition(e: Event): void {
    const el = target(e) as HTMLInputElement;
    const r = rules[ruleOf(e)];
    const path = pathOf(e);
    if (el.name === 'connector') {
        const { group, index } = parentOf(r, path);
        group.items[index].connector = el.value as never;
        return;
    }
    const leaf = nodeAt(r, path);
    if (leaf.kind !== 'leaf') return;
    if (el.name === 'field') {
        leaf.field = el.value;
        if (el.value === 'first_session') leaf.value = 'false';
        else if (el.value === 'channel') leaf.value = catalogue.channels[0]?.id ?? '';
        else if (el.value === 'priority') leaf.value = 'high';
        draw(el.id);
    } else if (el.name === 'op') leaf.op = el.value as never;
    else leaf.value = el.value;
}

function addTo(e: Event, node: 'leaf' | 'group'): void {
    const r = rules[ruleOf(e)];
    const path = pathOf(e);
    const group = nodeAt(r, path);
    if (group.kind !== 'group') return;
    group.items.push({ connector: 'and', node: node === 'leaf' ? newLeaf() : { kind: 'group', items: [{ connector: 'and', node: newLeaf() }] } });
    const added = `${path ? `${path}.` : ''}${group.items.length - 1}`;
    draw(`rr-${ruleOf(e)}-c${added.replace(/\./g, '-')}${node === 'leaf' ? '-field' : '-remove'}`);
}
export const addCondition = (e: Event) => addTo(e, 'leaf');
export const addGroup = (e: Event) => addTo(e, 'group');

export function removeCondition(e: Event): void {
    const i = ruleOf(e);
    const { group, index } = parentOf(rules[i], pathOf(e));
    group.items.splice(index, 1);
    const parent = pathOf(e).split('.').slice(0, -1).join('.');
    draw(`rr-${i}-add${parent ? `-${parent.replace(/\./g, '-')}` : ''}`);
}

export function addAction(e: Event): void {
    const i = ruleOf(e);
    rules[i].actions.push(newAction());
    draw(`rr-${i}-a${rules[i].actions.length - 1}-kind`);
}

export function removeAction(e: Event): void {
    const i = ruleOf(e);
    rules[i].actions.splice(Number(target(e).dataset.action), 1);
    draw(`rr-${i}-add-action`);
}

export function editAction(e: Event): void {
    const el = target(e) as HTMLInputElement;
    const a = rules[ruleOf(e)].actions[Number(el.dataset.action)];
    const key = el.name as 'kind' | 'text' | 'key' | 'value';
    (a[key] as string) = el.value;
    if (key === 'kind') {
        if (el.value === 'set_priority') a.value = 'medium';
        draw(el.id);
    }
}

export async function save(e: Event): Promise<void> {
    e.preventDefault();
    const lineId = Context.data.lineId as string | null;
    if (!lineId) return;
    for (const r of rules) r.problems = [];
    try {
        const answer = await Server.call<{ rules: RoutingRule[] }>('set_routing_rules', { lineId, rules: rules.map(ruleFromForm) as unknown as TJSON });
        rules = answer.rules.map(ruleToForm);
        Context.data.status = 'Routing rules saved';
        UI.notify('Routing rules saved', 'success');
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const found = problemsByRule(message);
        for (const [i, problems] of found) if (rules[i]) rules[i].problems = problems;
        Context.data.status = found.size ? 'The routing rules are not valid; see the rules marked below' : message;
        UI.notify(found.size ? 'The routing rules are not valid' : message, 'error');
    }
    draw();
}
