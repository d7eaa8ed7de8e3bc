/**
 * `search_sessions`: sessions of one live chat whose name or message text contains the
 * words typed (SPEC §3.2). Spam stays hidden except from supervisors, as in the lists.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller } from '../access/roles';
import { loadLine } from '../sessions/load';
import { refusal } from '../shared/errors';
import { input, ok, requiredText } from '../shared/http';
import { listRows } from '../sessions/list-rows';

const LIMIT = 50;

export async function searchSessions(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const line = await loadLine(requiredText(values, 'lineId', 100));
    const role = await authorize(user, line, 'view');
    if (role === 'reader') throw refusal('FORBIDDEN_ROLE', 'Readers do not search the desk');
    const text = requiredText(values, 'q', 200).trim();
    const hidden = role === 'operator' ? ['marked_as_spam'] : [];
    const byText = await Namespace.app.messages.search().where((f) => f.text.like(text)).sort('__createdAt', false).size(500).all();
    const ids = [...new Set(byText.map((m) => m.data.session.id))];
    const found = await Namespace.app.sessions.search().where((f, g) => g.and(
        f.line.eq(line.id),
        g.or(f.__name.like(text), ...(ids.length ? [f.__id.in(ids)] : [])),
        ...(hidden.length ? [f.state.neq('marked_as_spam')] : []),
    )).sort('last_activity_at', false).size(LIMIT).all();
    return ok({ sessions: await listRows(found, line) });
}
