/**
 * The live chat's operators with their status and load (SPEC §3.3: supervisors see
 * statuses when reassigning), Online first, then the least occupied.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller } from '../access/roles';
import { routingSnapshot } from '../routing/snapshot';
import { loadLine } from '../sessions/load';
import { refusal } from '../shared/errors';
import { input, ok, requiredText } from '../shared/http';

export async function listLineOperators(req: HttpApiRequest): Promise<HttpResponse> {
    const user = await caller();
    const line = await loadLine(requiredText(input(req), 'lineId', 100));
    if ((await authorize(user, line, 'view')) === 'reader') throw refusal('FORBIDDEN_ROLE', 'Readers do not see operators');
    const { operators } = await routingSnapshot(line, {}, null);
    const named = await Promise.all(operators.map(async (o) => ({
        id: o.id,
        name: (await System.users.search().where((f) => f.__id.eq(o.id)).first())?.data.fullname ?? o.id,
        status: o.online ? 'online' : 'offline',
        activeSessions: o.active,
        groups: o.groups,
    })));
    named.sort((a, b) => Number(b.status === 'online') - Number(a.status === 'online') || a.activeSessions - b.activeSessions || a.name.localeCompare(b.name));
    return ok({ operators: named });
}
