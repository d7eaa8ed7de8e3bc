/**
 * The session groups of a live chat (SPEC §2): queue, mine, active (supervisors), closed,
 * and spam (supervisors, for Remove from spam), with the counters the UI shows.
 */
import type { Condition, FieldOperands, GlobalFilters, HttpApiRequest, HttpResponse, UserItem } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller, roleSubject } from '../access/roles';
import type { Line, SessionData } from '../shared/apps';
import { refusal } from '../shared/errors';
import { input, ok, requiredText } from '../shared/http';
import { listRows } from './list-rows';
import { loadLine } from './load';

export type View = 'queue' | 'mine' | 'active' | 'closed' | 'spam';
type Where = (f: FieldOperands<SessionData>, g: GlobalFilters) => Condition;

export function filterOf(view: View, line: Line, user: UserItem): Where {
    const groups = [...user.data.groupIds];
    switch (view) {
        case 'queue': return (f, g) => g.and(f.line.eq(line.id), f.state.eq('waiting'), g.or(f.operator_group.eq(null), f.operator_group.in(groups)));
        case 'mine': return (f, g) => g.and(f.line.eq(line.id), f.state.eq('assigned_to_operator'), f.operator.eq(user.id));
        case 'active': return (f, g) => g.and(f.line.eq(line.id), f.state.in(['waiting', 'assigned_to_operator', 'assigned_to_bot']));
        case 'closed': return (f, g) => g.and(f.line.eq(line.id), f.state.eq('closed'));
        case 'spam': return (f, g) => g.and(f.line.eq(line.id), f.state.eq('marked_as_spam'));
    }
}

export async function listSessions(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const line = await loadLine(requiredText(values, 'lineId', 100));
    const role = await authorize(user, line, 'view');
    const view = (values.view ?? 'queue') as View;
    if (!['queue', 'mine', 'active', 'closed', 'spam'].includes(view)) throw refusal('VALIDATION_FAILED', 'view must be queue, mine, active, closed or spam', { view: 'invalid value' });
    if (role === 'reader' || ((view === 'active' || view === 'spam') && role === 'operator')) {
        throw refusal('FORBIDDEN_ROLE', `${roleSubject(role)} cannot list ${view} sessions`);
    }
    const sort = view === 'queue' ? 'waiting_since' : 'last_activity_at';
    const sessions = await Namespace.app.sessions.search().where(filterOf(view, line, user)).sort(sort, view === 'queue').size(500).all();
    const counts = {
        queue: await Namespace.app.sessions.search().where(filterOf('queue', line, user)).count(),
        mine: await Namespace.app.sessions.search().where(filterOf('mine', line, user)).count(),
    };
    return ok({ sessions: await listRows(sessions, line), counts });
}
