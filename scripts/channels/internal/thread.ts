/**
 * The employee's side of the internal channel: the live chats they may write to, and
 * their conversation with one (staff-only system notes left out).
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller } from '../../access/roles';
import { findClient } from '../../inbound/client';
import { numberOlderMessages, ofSessions } from '../../messages/sequence';
import { loadLine } from '../../sessions/load';
import { input, ok, requiredText } from '../../shared/http';
import { messageView } from '../../shared/views';
import { internalChannelFor, isInternalCustomer } from './customer';

export async function listInternalLines(): Promise<HttpResponse> {
    const user = await caller();
    const lines = await Namespace.app.lines.search().sort('__name').size(1_000).all();
    return ok({ lines: lines.filter((l) => isInternalCustomer(user, l)).map((l) => ({ id: l.id, name: l.data.__name })) });
}

export async function getEmployeeThread(req: HttpApiRequest): Promise<HttpResponse> {
    const user = await caller();
    const line = await loadLine(requiredText(input(req), 'lineId', 100));
    const channel = await internalChannelFor(user, line);
    const client = await findClient(channel, { userId: user.id });
    if (!client) return ok({ messages: [] });
    const sessions = await Namespace.app.sessions.search().where((f) => f.clients.eq(client.id)).size(1_000).all();
    // The employee's sessions with the live chat are one thread (their client on the internal channel).
    if (sessions[0]) await numberOlderMessages(sessions[0]);
    const messages = sessions.length
        ? await Namespace.app.messages.search().where((f, g) => g.and(...ofSessions(f, sessions), f.staff_only.eq(false))).sort('seq').size(10_000).all()
        : [];
    return ok({ messages: messages.map(messageView) });
}
