/**
 * Display names the desk shows next to ids: users (operators, authors) and clients. Looked
 * up in two queries per call, not one per message.
 */
import { compact, uniq } from 'lodash-es';
import type { Client } from '../shared/apps';

export async function userNames(ids: readonly (string | null | undefined)[]): Promise<Record<string, string>> {
    const wanted = uniq(compact(ids));
    if (!wanted.length) return {};
    const users = await System.users.search().where((f) => f.__id.in(wanted)).size(wanted.length).all();
    return Object.fromEntries(users.map((u) => [u.id, u.data.fullname || u.id]));
}

export function clientName(c: Client): string {
    return c.data.__name || c.data.username || c.data.external_user_id || 'Client';
}

export async function clientNames(ids: readonly (string | null | undefined)[]): Promise<Record<string, string>> {
    const wanted = uniq(compact(ids));
    if (!wanted.length) return {};
    const clients = await Namespace.app.clients.search().where((f) => f.__id.in(wanted)).size(wanted.length).all();
    return Object.fromEntries(clients.map((c) => [c.id, clientName(c)]));
}
