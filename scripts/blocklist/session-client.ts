/**
 * The client a Lock / Unlock account action from a session is about, and whether the
 * caller may take it: the session's external client (employees cannot be locked), by an
 * operator only while the global setting lets operators lock clients (SPEC §5, §11).
 */
import type { LineRole } from '../access/roles';
import { readSettings } from '../settings/global-settings';
import type { Client, Session } from '../shared/apps';
import { refusal } from '../shared/errors';
import type { Input } from '../shared/http';
import { currentMatcher } from './current';
import { keysOfClient } from './client-verdict';
import type { MatchEntry } from './matcher';

/** @throws ApiError FORBIDDEN_ROLE when operators may not lock clients. */
export async function requireLockRight(role: LineRole): Promise<void> {
    if (role === 'operator' && !(await readSettings()).allow_operators_to_lock_clients) {
        throw refusal('FORBIDDEN_ROLE', 'Only supervisors may lock and unlock clients (a global setting)');
    }
}

/** @throws ApiError VALIDATION_FAILED (not a client of the session) or INTERNAL_CLIENT. */
export async function sessionClient(session: Session, values: Input): Promise<Client> {
    const ids = (session.data.clients ?? []).map((c) => c.id);
    const wanted = values.clientId ?? ids[0];
    if (typeof wanted !== 'string' || !ids.includes(wanted)) throw refusal('VALIDATION_FAILED', 'clientId must be a client of the session', { clientId: 'not a client of the session' });
    const client = await Namespace.app.clients.search().where((f) => f.__id.eq(wanted)).first();
    if (!client) throw refusal('NOT_FOUND', 'No such client');
    if (client.data.user || !client.data.external_user_id) throw refusal('INTERNAL_CLIENT', 'Employees writing from the Messages workspace cannot be locked');
    return client;
}

/** The entries in effect for the client in the live chat, split by list. */
export async function clientEntries(client: Client, lineId: string): Promise<{ blocking: MatchEntry[]; allowing: MatchEntry[] }> {
    const found = (await currentMatcher()).matching(keysOfClient(client), lineId, Date.now());
    const allowing = found.filter((e) => e.list === 'allowlist');
    return { blocking: allowing.length ? [] : found.filter((e) => e.list === 'blocklist'), allowing };
}
