/**
 * `set_routing_rules` refuses what could never route: condition fields outside the
 * catalogue, values a field can never take, and an `sla` that names no SLA. A rule's
 * valid `sla` is kept with it. A refused list leaves the stored one as it was.
 */
import { rows, useLiveChat } from '../live-chats/support/live-chat';

describe('routing rule validation', () => {
    const ctx = useLiveChat();
    const setRules = (rules: unknown) => ctx.api.call('admin', 'set_routing_rules', { lineId: ctx.chat.lineId, rules });
    const stored = async () => (await rows(ctx.t, ctx.api.admin, 'lines'))[0].routing_rules;
    const kept = [{ name: 'Everyone', activity: { kind: 'invite_all' } }];

    beforeAll(async () => {
        expect((await setRules(kept)).statusCode).toBe(200);
    });

    it.each([
        ['an unknown field in a group', { items: [
            { node: { field: 'client.name', op: 'contains', value: 'vip' } },
            { connector: 'and', node: { field: 'client.salary', op: 'gt', value: 10 } },
        ] }, 'rules.0.conditions.items.1.node.field'],
        ['an unknown top-level field', { field: 'weather', op: 'eq', value: 'rain' }, 'rules.0.conditions.field'],
        ['"custom." without a property', { field: 'custom.', op: 'eq', value: 'x' }, 'rules.0.conditions.field'],
        ['a weekday outside 1-7', { field: 'weekday', op: 'eq', value: 8 }, 'rules.0.conditions.value'],
        ['a time that is not HH:mm', { field: 'time', op: 'gte', value: '25:00' }, 'rules.0.conditions.value'],
        ['first_session as text', { field: 'first_session', op: 'eq', value: 'no' }, 'rules.0.conditions.value'],
    ])('refuses %s with the path of the bad part', async (_name, conditions, path) => {
        const res = await setRules([{ name: 'Bad', conditions, activity: { kind: 'invite_all' } }]);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(res.json().error.details)).toEqual([path]);
        expect(await stored()).toEqual(kept);
    });

    it('refuses an sla that is not an id, or names no SLA', async () => {
        for (const sla of [42, { id: 'x' }, 'no-such-sla']) {
            const res = await setRules([{ name: 'With SLA', sla, activity: { kind: 'invite_all' } }]);
            expect(res.statusCode).toBe(400);
            expect(Object.keys(res.json().error.details)).toEqual(['rules.0.sla']);
        }
        expect(await stored()).toEqual(kept);
    });

    it('keeps a valid sla and custom fields with the rule', async () => {
        const sla = await ctx.t.request({ method: 'POST', url: '/api/apps/live_chats/sla/items', cookie: ctx.api.admin, body: { __name: 'Gold' } });
        expect(sla.statusCode).toBe(201);
        const rules = [
            { name: 'Gold clients', sla: sla.json().__id, conditions: { field: 'custom.tier', op: 'eq', value: 'gold' }, activity: { kind: 'invite_all' } },
            { name: 'No SLA', sla: null, conditions: { field: 'weekday', op: 'lte', value: 5 }, activity: { kind: 'invite_all' } },
        ];
        const res = await setRules(rules);
        expect(res.statusCode).toBe(200);
        expect(await stored()).toEqual(rules);
    });
});
