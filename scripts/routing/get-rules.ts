/**
 * What the routing-rule builder needs to edit one live chat's rules (administrators): the
 * live chats to pick from, the chosen one's rules, and the real groups, operators and SLAs
 * (and channels) a rule may name, so the page offers pickers rather than ids to type.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller, requireAdministrator } from '../access/roles';
import { loadLine } from '../sessions/load';
import { groupCodes } from '../shared/apps';
import { input, ok, optionalText } from '../shared/http';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export async function getRoutingRules(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const lines = (await Namespace.app.lines.search().size(1000).all()).map((l) => ({ id: l.id, name: l.data.__name }));
    lines.sort(byName);
    const wanted = optionalText(input(req), 'lineId', 100) ?? lines[0]?.id;
    if (!wanted) return ok({ lines, lineId: null, rules: [], groups: [], operators: [], slas: [], channels: [] });
    const line = await loadLine(wanted);
    const groups = (await System.userGroups.search().all()).map((g) => ({ code: g.data.code, name: g.data.__name })).sort(byName);
    // Operators are the members of the live chat's operator groups (SPEC §3.1).
    const operators = new Map<string, string>();
    for (const code of groupCodes(line.data.operator_groups)) {
        for (const u of await System.users.search().where((f) => f.groupIds.eq(code)).size(10_000).all()) operators.set(u.id, u.data.__name);
    }
    const slas = (await Namespace.app.sla.search().size(1000).all()).map((s) => ({ id: s.id, name: s.data.__name })).sort(byName);
    const channels = (await Namespace.app.channels.search().where((f) => f.line.eq(line.id)).size(1000).all()).map((c) => ({ id: c.id, name: c.data.__name })).sort(byName);
    return ok({
        lines, channels, lineId: line.id, rules: Array.isArray(line.data.routing_rules) ? line.data.routing_rules : [], groups,
        operators: [...operators].map(([id, name]) => ({ id, name })).sort(byName), slas,
    });
}
