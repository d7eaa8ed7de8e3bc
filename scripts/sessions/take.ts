/**
 * Take (SPEC §3.2): an Online operator takes the oldest waiting session they may serve
 * (common queue or their group's), or the one they opened ("Start work").
 */
import type { HttpApiRequest, HttpResponse, UserItem } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller } from '../access/roles';
import type { Line, Session } from '../shared/apps';
import { refusal } from '../shared/errors';
import { input, ok, requiredText } from '../shared/http';
import { sessionView } from '../shared/views';
import { assignTo } from './assign';
import { requireRoom } from './capacity';
import { loadLine, loadSession, requireOpen } from './load';

async function oldestTakeable(line: Line, user: UserItem): Promise<Session | undefined> {
    const groups = [...user.data.groupIds];
    return Namespace.app.sessions.search().where((f, g) => g.and(
        f.line.eq(line.id), f.state.eq('waiting'),
        g.or(f.operator_group.eq(null), f.operator_group.in(groups)),
    )).sort('waiting_since').first();
}

export async function takeSession(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const named = values.sessionId !== undefined ? await loadSession(values) : undefined;
    const line = named?.line ?? (await loadLine(requiredText(values, 'lineId', 100)));
    const role = await authorize(user, line, 'take', named?.session);
    const session = await System.transaction(async () => {
        const target = named?.session ?? (await oldestTakeable(line, user));
        if (!target) throw refusal('QUEUE_EMPTY', 'No session is waiting for you');
        await target.reload();
        requireOpen(target);
        if (target.data.state.code !== 'waiting') throw refusal('SESSION_NOT_WAITING', 'The session is already assigned');
        const group = target.data.operator_group;
        if (role === 'operator' && group && !user.data.groupIds.includes(group)) throw refusal('FORBIDDEN_ROLE', `The session waits for the group ${group}`);
        await requireRoom(line, user.id, target, 'you');
        await assignTo(target, line, user.id, user.id);
        return target;
    });
    return ok({ session: sessionView(session) });
}
