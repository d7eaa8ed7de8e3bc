/**
 * `desk`: what the operator's desk of one live chat needs before drawing — the caller's
 * role and status, the counters they may see (SPEC §2, §11 global settings), the settings
 * the composer follows and the messenger channels +New session can use.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller } from '../access/roles';
import { operatorState } from '../operators/status';
import { filterOf } from '../sessions/list';
import { loadLine } from '../sessions/load';
import { readSettings } from '../settings/global-settings';
import { refusal } from '../shared/errors';
import { input, ok, requiredText } from '../shared/http';

export async function getDeskState(req: HttpApiRequest): Promise<HttpResponse> {
    const user = await caller();
    const line = await loadLine(requiredText(input(req), 'lineId', 100));
    const role = await authorize(user, line, 'view');
    if (role === 'reader') throw refusal('FORBIDDEN_ROLE', 'Readers read conversations in the Live Chat Messages widget');
    const settings = await readSettings();
    const supervising = role === 'supervisor' || role === 'administrator';
    const count = (view: 'queue' | 'mine') => Namespace.app.sessions.search().where(filterOf(view, line, user)).count();
    const showQueue = supervising || settings.show_queue_count_to_operators;
    const channels = await Namespace.app.channels.search()
        .where((f, g) => g.and(f.line.eq(line.id), f.kind.eq('other'), f.state.eq('active'))).size(100).all();
    return ok({
        line: { id: line.id, name: line.data.__name },
        me: user.id,
        role,
        status: (await operatorState(user.id))?.data.status.code ?? 'offline',
        counts: {
            queue: showQueue ? await count('queue') : null,
            mine: await count('mine'),
            unassigned: supervising && settings.show_unassigned_count_to_supervisors
                ? await Namespace.app.sessions.search().where((f, g) => g.and(f.line.eq(line.id), f.state.eq('waiting'))).count()
                : null,
        },
        settings: {
            send_with: settings.send_with,
            allow_editing_messages: settings.allow_editing_messages,
            show_system_messages: settings.show_system_messages,
            sounds: settings.sounds,
        },
        channels: channels.map((c) => ({ id: c.id, name: c.data.__name })),
    });
}
