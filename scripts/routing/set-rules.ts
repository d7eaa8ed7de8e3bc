/**
 * Saves a live chat's routing rules after validating the whole list; a list with any
 * problem changes nothing and the answer lists every problem by path.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller, requireAdministrator } from '../access/roles';
import { loadLine } from '../sessions/load';
import { refusal } from '../shared/errors';
import { input, ok, requiredText } from '../shared/http';
import { ruleProblems } from './rules';

export async function setRoutingRules(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const values = input(req);
    const line = await loadLine(requiredText(values, 'lineId', 100));
    const problems = ruleProblems(values.rules);
    if (problems.length) throw refusal('VALIDATION_FAILED', 'The routing rules are not valid', Object.fromEntries(problems.map((p) => [p.split(':')[0], p.slice(p.indexOf(':') + 2)])));
    line.data.routing_rules = values.rules ?? [];
    await line.save();
    return ok({ line: line.id, rules: line.data.routing_rules });
}
