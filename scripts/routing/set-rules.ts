/**
 * Saves a live chat's routing rules after validating the whole list; a list with any
 * problem changes nothing and the answer lists every problem by path. A rule's `sla` is
 * kept with the rule and must name an existing SLA, so the SLA a session gets is real.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller, requireAdministrator } from '../access/roles';
import { loadLine } from '../sessions/load';
import { refusal } from '../shared/errors';
import { input, ok, requiredText } from '../shared/http';
import { ruleProblems, type RoutingRule } from './rules';

/** Problems of rules whose `sla` names no SLA item. */
async function missingSlas(rules: RoutingRule[]): Promise<string[]> {
    const ids = [...new Set(rules.map((r) => r.sla).filter((id): id is string => typeof id === 'string'))];
    if (ids.length === 0) return [];
    const found = new Set((await Namespace.app.sla.search().where((f) => f.__id.in(ids)).size(ids.length).all()).map((s) => s.id));
    return rules.flatMap((r, i) => (typeof r.sla === 'string' && !found.has(r.sla) ? [`rules.${i}.sla: no SLA ${r.sla}`] : []));
}

export async function setRoutingRules(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const values = input(req);
    const line = await loadLine(requiredText(values, 'lineId', 100));
    const shape = ruleProblems(values.rules);
    const problems = shape.length ? shape : await missingSlas(values.rules as unknown as RoutingRule[]);
    // Each problem is also a line of the message, so a page that only sees the message can show it by its rule.
    if (problems.length) throw refusal('VALIDATION_FAILED', ['The routing rules are not valid:', ...problems].join('\n'), Object.fromEntries(problems.map((p) => [p.split(':')[0], p.slice(p.indexOf(':') + 2)])));
    line.data.routing_rules = values.rules ?? [];
    await line.save();
    return ok({ line: line.id, rules: line.data.routing_rules });
}
