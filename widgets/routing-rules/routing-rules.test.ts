/**
 * @jest-environment jsdom
 *
 * The routing-rule builder's model and page: stored rules survive the trip to form state and
 * back (nested groups, every activity and action), rules reorder by buttons, conditions and
 * groups are added from the page, and the server's problems are shown by the rule they name.
 */
import type { RoutingRule } from '../../scripts/routing/rules';
import { move, problemsByRule, ruleFromForm, ruleToForm } from './rule-form';
import * as widget from './routing-rules.client';
import template from './routing-rules.hbs';

const nested: RoutingRule = {
    name: 'VIP at night', sla: 'sla-1',
    conditions: { items: [
        { node: { field: 'channel_kind', op: 'eq', value: 'telegram' } },
        { connector: 'and', node: { items: [
            { node: { field: 'time', op: 'gte', value: '22:00' } },
            { connector: 'or_not', node: { items: [{ node: { field: 'weekday', op: 'lte', value: 5 } }] } },
        ] } },
        { connector: 'and_not', node: { field: 'first_session', op: 'eq', value: false } },
    ] },
    activity: { kind: 'least_occupied', group: 'vip' },
    actions: [
        { kind: 'auto_reply', template: 'Hi {{client_name}}' }, { kind: 'auto_reply' }, { kind: 'set_priority', value: 'high' },
        { kind: 'set_property', key: 'tier', value: 'gold' }, { kind: 'start_automation', automation: 'crm.lead', params: { source: 'chat', n: 2 } },
    ],
};
const others: RoutingRule[] = [
    { name: 'Off', enabled: false, activity: { kind: 'invite_all' } },
    { name: 'Pat', conditions: { items: [{ node: { field: 'custom.vip', op: 'contains', value: 'yes' } }] }, activity: { kind: 'assign_user', userId: 'u-1' } },
    { name: 'Back', conditions: { items: [{ node: { field: 'first_session', op: 'eq', value: false } }] }, activity: { kind: 'assign_last_operator' } },
    { name: 'Group', activity: { kind: 'invite_group', group: 'operators' } },
    { name: 'Bot', activity: { kind: 'assign_bot' } },
];

describe('routing-rule model', () => {
    it('keeps every rule, nested groups included, through the form and back', () => {
        for (const rule of [nested, ...others]) expect(ruleFromForm(ruleToForm(rule))).toEqual(rule);
        const form = ruleToForm(nested);
        const inner = form.conditions.items[1].node;
        expect(inner.kind === 'group' && inner.items[1]).toMatchObject({ connector: 'or_not', node: { kind: 'group', items: [{ node: { field: 'weekday', value: '5' } }] } });
    });

    it('reads a single stored condition as a group of one', () => {
        const rule: RoutingRule = { name: 'One', conditions: { field: 'priority', op: 'eq', value: 'high' }, activity: { kind: 'invite_all' } };
        expect(ruleFromForm(ruleToForm(rule)).conditions).toEqual({ items: [{ node: { field: 'priority', op: 'eq', value: 'high' } }] });
    });

    it('moves rules up and down within the list only', () => {
        const list = ['a', 'b', 'c'];
        expect(move(list, 0, -1)).toBe(false);
        expect(move(list, 0, 1)).toBe(true);
        expect(move(list, 2, 1)).toBe(false);
        expect(list).toEqual(['b', 'a', 'c']);
    });

    it('sorts the server\'s problems by rule', () => {
        const found = problemsByRule('The routing rules are not valid:\nrules.0.name: required\nrules.2.activity.group: required\nrules.2: expected a rule');
        expect([...found]).toEqual([[0, ['name: required']], [2, ['activity.group: required', 'expected a rule']]]);
    });
});

describe('routing-rule page', () => {
    async function mount(stored: RoutingRule[], save: (body: { rules: RoutingRule[] }) => unknown) {
        const data: Record<string, unknown> = {};
        const root = document.createElement('section');
        document.body.replaceChildren(root);
        const sent: { rules: RoutingRule[] }[] = [];
        Object.assign(globalThis, {
            Context: { data },
            ViewContext: { root, rerender: () => { root.innerHTML = template(data); } },
            Server: {
                call: async (method: string, params: { rules: RoutingRule[] }) => {
                    if (method === 'routing_rules') {
                        return { lines: [{ id: 'l-1', name: 'Support' }], lineId: 'l-1', rules: stored, groups: [{ code: 'vip', name: 'VIP <team>' }], operators: [{ id: 'u-1', name: 'Olga' }], slas: [], channels: [{ id: 'ch-1', name: 'Bridge' }, { id: 'ch-2', name: 'Web <site>' }] };
                    }
                    sent.push(params);
                    return save(params);
                },
            },
            UI: { notify: () => undefined },
            CSS: { escape: (s: string) => s },
        });
        await widget.onInit();
        root.innerHTML = template(data);
        const fire = async (selector: string, type: 'click' | 'change', value?: string) => {
            const el = root.querySelector<HTMLInputElement>(selector);
            if (!el) throw new Error(`No ${selector} in ${root.innerHTML.slice(0, 200)}`);
            if (value !== undefined) el.value = value;
            const event = new Event(type, { bubbles: true });
            el.dispatchEvent(event);
            const name = el.getAttribute(`data-on-${type}`)!;
            await (widget as unknown as Record<string, (e: Event) => unknown>)[name](event);
        };
        const submit = () => widget.save(Object.assign(new Event('submit'), { preventDefault: () => undefined }));
        return { root, sent, fire, submit };
    }

    it('builds a rule with a nested group, reorders it and saves the list', async () => {
        const w = await mount([{ name: 'First', activity: { kind: 'invite_all' } }], (body) => body);
        await w.fire('#rr-add', 'click');
        await w.fire('#rr-1-name', 'change', 'Night VIP');
        await w.fire('#rr-1-add', 'click');
        await w.fire('#rr-1-c0-field', 'change', 'time');
        await w.fire('#rr-1-c0-op', 'change', 'gte');
        await w.fire('#rr-1-c0-value', 'change', '22:00');
        await w.fire('#rr-1-add', 'click');
        await w.fire('#rr-1-c1-field', 'change', 'channel');
        expect(w.root.querySelector('#rr-1-c1-value')!.innerHTML).toContain('Web &lt;site&gt;');
        await w.fire('#rr-1-c1-value', 'change', 'ch-2');
        await w.fire('#rr-1-add-group', 'click');
        expect(document.activeElement?.id).toBe('rr-1-c2-remove');
        await w.fire('#rr-1-c2-connector', 'change', 'or');
        await w.fire('#rr-1-c2-0-field', 'change', 'first_session');
        await w.fire('#rr-1-c2-0-value', 'change', 'true');
        await w.fire('#rr-1-add-2', 'click');
        await w.fire('#rr-1-c2-1-remove', 'click');
        expect(document.activeElement?.id).toBe('rr-1-add-2');
        await w.fire('#rr-1-activity', 'change', 'least_occupied');
        expect(w.root.querySelector('#rr-1-group')!.innerHTML).toContain('VIP &lt;team&gt;');
        await w.fire('#rr-1-group', 'change', 'vip');
        await w.fire('#rr-1-up', 'click');
        expect(document.activeElement?.id).toBe('rr-0-name');
        await w.submit();
        expect(w.sent[0].rules).toEqual([
            { name: 'Night VIP', activity: { kind: 'least_occupied', group: 'vip' }, conditions: { items: [
                { node: { field: 'time', op: 'gte', value: '22:00' } },
                { connector: 'and', node: { field: 'channel', op: 'eq', value: 'ch-2' } },
                { connector: 'or', node: { items: [{ node: { field: 'first_session', op: 'eq', value: true } }] } },
            ] } },
            { name: 'First', activity: { kind: 'invite_all' } },
        ]);
    });

    it('shows the server\'s problems beside the rule they concern', async () => {
        const w = await mount([{ name: 'A', activity: { kind: 'invite_all' } }, { name: 'B', activity: { kind: 'invite_all' } }], () => {
            throw new Error('The routing rules are not valid:\nrules.1.activity.group: required');
        });
        await w.submit();
        expect(w.root.querySelector('#rr-0-problems')!.textContent!.trim()).toBe('');
        expect(w.root.querySelector('#rr-1-problems')!.textContent).toContain('activity.group: required');
        expect(w.root.querySelector('.rr-status')!.textContent).toContain('not valid');
    });
});
