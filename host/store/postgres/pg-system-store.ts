/**
 * The host's own tables in PostgreSQL. Users are read on every request and push, so each
 * instance keeps them for a second (its own changes clear them at once; another instance's
 * show within that second). Timers and events are claimed (`FOR UPDATE SKIP LOCKED`) for a lease,
 * so each is run by one instance; a claim lapses if that instance dies.
 */
import type { ExtensionRecord, NotificationRecord, SystemStore, TimerRecord, UserRecord } from '../store';
import { buildQuery } from '../sqlite/query';
import { toGroup, userColumns, type ExtensionRow, type GroupRow, type UserRow } from '../sqlite/system-store';
import { numbered, pgFilter } from './pg-dialect';
import type { PgTransactions } from './pg-transactions';

/** How long a claimed timer or event belongs to the instance that claimed it. */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** A user row as read here: the SQLite row, with the groups gathered in the same statement. */
interface PgUserRow extends UserRow {
    groups: string[] | null;
}

interface TimerRow { key: string; extension_id: string; script: string; run_at: number; payload: string | null; serial_key: string | null }

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/** A user with their groups, in one statement. */
const SELECT_USER = `SELECT users.*, ARRAY(SELECT group_code FROM group_members WHERE user_id = users.id ORDER BY group_code) AS groups FROM users`;

/** How long an instance answers a user from memory. */
const USER_CACHE_MS = 1000;

export function createPgSystemStore(tx: PgTransactions): SystemStore {
    const q = async <R>(sql: string, params: unknown[] = []): Promise<R[]> => (await tx.query(sql, params)).rows as R[];
    const users = new Map<string, { user: UserRecord; until: number }>();
    /** Clears the cache after a change to users or groups, committed or not. */
    const changed = async <T>(change: Promise<T>): Promise<T> => {
        try {
            return await change;
        } finally {
            users.clear();
        }
    };
    const toUser = (r: PgUserRow): UserRecord => ({
        id: r.id, login: r.login, passwordHash: r.password_hash, fullname: r.fullname, email: r.email,
        timezone: r.timezone, status: r.status, groups: r.groups ?? [],
    });
    const toExtension = (r: ExtensionRow): ExtensionRecord => ({
        id: r.id, name: r.name, version: r.version, status: r.status, lastError: r.last_error,
        manifest: JSON.parse(r.manifest), packageDir: r.package_dir, installedAt: r.installed_at, updatedAt: r.updated_at,
    });
    const toTimer = (r: TimerRow): TimerRecord => ({
        key: r.key, extensionId: r.extension_id, script: r.script, runAt: r.run_at, payload: parse(r.payload), serialKey: r.serial_key,
    });

    return {
        users: {
            async create(u) {
                await changed(tx.guarded((run) => run('INSERT INTO users (id, login, password_hash, fullname, email, timezone, status) VALUES ($1, $2, $3, $4, $5, $6, $7)',
                    [u.id, u.login, u.passwordHash, u.fullname, u.email, u.timezone, u.status])));
            },
            async get(id) {
                // Inside a transaction the row is read there: it may have been changed in it.
                const cached = tx.scope() ? undefined : users.get(id);
                if (cached && cached.until > Date.now()) return { ...cached.user, groups: [...cached.user.groups] };
                const [r] = await q<PgUserRow>(`${SELECT_USER} WHERE id = $1`, [id]);
                if (!r) return undefined;
                const user = toUser(r);
                if (!tx.scope()) users.set(id, { user, until: Date.now() + USER_CACHE_MS });
                return { ...user, groups: [...user.groups] };
            },
            async many(ids) {
                const now = Date.now();
                const known = new Map<string, UserRecord>();
                if (!tx.scope()) for (const id of ids) {
                    const cached = users.get(id);
                    if (cached && cached.until > now) known.set(id, cached.user);
                }
                const missing = [...new Set(ids.filter((id) => !known.has(id)))];
                if (missing.length) {
                    for (const r of await q<PgUserRow>(`${SELECT_USER} WHERE id = ANY($1)`, [missing])) {
                        const user = toUser(r);
                        known.set(user.id, user);
                        if (!tx.scope()) users.set(user.id, { user, until: now + USER_CACHE_MS });
                    }
                }
                return ids.flatMap((id) => {
                    const user = known.get(id);
                    return user ? [{ ...user, groups: [...user.groups] }] : [];
                });
            },
            async byLogin(login) {
                const [r] = await q<PgUserRow>(`${SELECT_USER} WHERE lower(login) = lower($1)`, [login]);
                return r && toUser(r);
            },
            async list(query) {
                const built = buildQuery(userColumns, query, undefined, pgFilter);
                const params = [...built.params, ...built.limitParams];
                return (await q<PgUserRow>(numbered(`${SELECT_USER} WHERE ${built.where} ORDER BY lower(users.login) ${built.limit}`), params)).map(toUser);
            },
            async count(where) {
                const built = buildQuery(userColumns, { where }, undefined, pgFilter);
                return (await q<{ n: number }>(numbered(`SELECT COUNT(*) AS n FROM users WHERE ${built.where}`), built.params))[0].n;
            },
            async setGroups(userId, groups) {
                await changed(tx.guarded(async (run) => {
                    await run('DELETE FROM group_members WHERE user_id = $1', [userId]);
                    if (groups.length) await run('INSERT INTO group_members (group_code, user_id) SELECT g, $2 FROM unnest($1::text[]) g ON CONFLICT DO NOTHING', [groups, userId]);
                }));
            },
            async setStatus(userId, status) {
                await changed(q('UPDATE users SET status = $1 WHERE id = $2', [status, userId]));
            },
        },
        groups: {
            async upsert(g) {
                await q('INSERT INTO groups (code, name, extension_id) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE SET name = excluded.name, extension_id = excluded.extension_id',
                    [g.code, g.name, g.extensionId]);
            },
            async list() {
                return (await q<GroupRow>('SELECT code, name, extension_id FROM groups ORDER BY name')).map(toGroup);
            },
            async get(code) {
                const [r] = await q<GroupRow>('SELECT code, name, extension_id FROM groups WHERE code = $1', [code]);
                return r && toGroup(r);
            },
            async members(code) {
                return (await q<{ user_id: string }>('SELECT user_id FROM group_members WHERE group_code = $1', [code])).map((r) => r.user_id);
            },
        },
        logins: {
            async create(tokenHash, userId, expiresAt) {
                await tx.guarded((run) => run('INSERT INTO logins (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, userId, expiresAt]));
            },
            async find(tokenHash, now) {
                const [r] = await q<{ user_id: string; expires_at: number }>('SELECT user_id, expires_at FROM logins WHERE token_hash = $1 AND expires_at > $2', [tokenHash, now]);
                return r && { userId: r.user_id, expiresAt: r.expires_at };
            },
            async remove(tokenHash) {
                await q('DELETE FROM logins WHERE token_hash = $1', [tokenHash]);
            },
            async removeForUser(userId) {
                await q('DELETE FROM logins WHERE user_id = $1', [userId]);
            },
        },
        extensions: {
            async put(e) {
                await q(`INSERT INTO extensions (id, name, version, status, last_error, manifest, package_dir, installed_at, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, version = excluded.version, status = excluded.status,
                    last_error = excluded.last_error, manifest = excluded.manifest, package_dir = excluded.package_dir, updated_at = excluded.updated_at`,
                [e.id, e.name, e.version, e.status, e.lastError, JSON.stringify(e.manifest), e.packageDir, e.installedAt, e.updatedAt]);
            },
            async get(id) {
                const [r] = await q<ExtensionRow>('SELECT * FROM extensions WHERE id = $1', [id]);
                return r && toExtension(r);
            },
            async list() {
                return (await q<ExtensionRow>('SELECT * FROM extensions ORDER BY id')).map(toExtension);
            },
            async setStatus(id, status, lastError) {
                await q('UPDATE extensions SET status = $1, last_error = $2, updated_at = $3 WHERE id = $4', [status, lastError, Date.now(), id]);
            },
            async remove(id) {
                await q('DELETE FROM extensions WHERE id = $1', [id]);
            },
        },
        timers: {
            async put(t) {
                // Setting a timer again makes it a new one: whoever claimed the old one no longer holds it.
                await q(`INSERT INTO timers (key, extension_id, script, run_at, payload, serial_key, claimed_until) VALUES ($1, $2, $3, $4, $5, $6, NULL)
                    ON CONFLICT (key) DO UPDATE SET extension_id = excluded.extension_id, script = excluded.script, run_at = excluded.run_at,
                    payload = excluded.payload, serial_key = excluded.serial_key, claimed_until = NULL`,
                [t.key, t.extensionId, t.script, t.runAt, t.payload === undefined ? null : JSON.stringify(t.payload), t.serialKey ?? null]);
            },
            async get(key) {
                const [r] = await q<TimerRow>('SELECT * FROM timers WHERE key = $1', [key]);
                return r && toTimer(r);
            },
            async remove(key) {
                await q('DELETE FROM timers WHERE key = $1', [key]);
            },
            async due(now, skip = []) {
                const rows = await q<TimerRow>(`UPDATE timers SET claimed_until = $2 WHERE key IN (
                    SELECT key FROM timers WHERE run_at <= $1 AND (claimed_until IS NULL OR claimed_until < $1) AND NOT (key = ANY($3::text[]))
                    ORDER BY run_at LIMIT 100 FOR UPDATE SKIP LOCKED) RETURNING *`, [now, now + CLAIM_LEASE_MS, [...skip]]);
                return rows.map(toTimer).sort((a, b) => a.runAt - b.runAt);
            },
            async release(keys) {
                if (keys.length) await q('UPDATE timers SET claimed_until = NULL WHERE key = ANY($1::text[])', [[...keys]]);
            },
            async next(skip = []) {
                const [r] = await q<{ at: number | null }>('SELECT MIN(GREATEST(run_at, COALESCE(claimed_until, 0))) AS at FROM timers WHERE NOT (key = ANY($1::text[]))', [[...skip]]);
                return r.at ?? undefined;
            },
            async removeForExtension(extensionId) {
                await q('DELETE FROM timers WHERE extension_id = $1', [extensionId]);
            },
        },
        outbox: {
            async add(extensionId, kind, payload) {
                await q('INSERT INTO outbox (extension_id, kind, payload) VALUES ($1, $2, $3)', [extensionId, kind, JSON.stringify(payload ?? null)]);
            },
            async pending(limit) {
                const now = Date.now();
                const rows = await q<{ id: number; extension_id: string; kind: string; payload: string | null }>(`UPDATE outbox SET claimed_until = $2 WHERE id IN (
                    SELECT id FROM outbox WHERE claimed_until IS NULL OR claimed_until < $1 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *`,
                [now, now + CLAIM_LEASE_MS, limit]);
                return rows.map((r) => ({ id: r.id, extensionId: r.extension_id, kind: r.kind, payload: parse(r.payload) })).sort((a, b) => a.id - b.id);
            },
            async done(id) {
                await q('DELETE FROM outbox WHERE id = $1', [id]);
            },
        },
        storage: {
            async get(extensionId, key) {
                const [r] = await q<{ value: string }>('SELECT value FROM storage WHERE extension_id = $1 AND key = $2', [extensionId, key]);
                return r ? JSON.parse(r.value) : undefined;
            },
            async set(extensionId, key, value) {
                await q('INSERT INTO storage (extension_id, key, value) VALUES ($1, $2, $3) ON CONFLICT (extension_id, key) DO UPDATE SET value = excluded.value',
                    [extensionId, key, JSON.stringify(value)]);
            },
            async remove(extensionId, key) {
                await q('DELETE FROM storage WHERE extension_id = $1 AND key = $2', [extensionId, key]);
            },
            async clear(extensionId) {
                await q('DELETE FROM storage WHERE extension_id = $1', [extensionId]);
            },
        },
        fileUsage: {
            async reserve(owner, bytes, limits) {
                return tx.run(async () => {
                    const read = async (who: string) => (await q<{ bytes: number }>('SELECT bytes FROM file_usage WHERE owner = $1 FOR UPDATE', [who]))[0]?.bytes ?? 0;
                    const ownerBytes = await read(owner);
                    const totalBytes = await read('*');
                    const ok = ownerBytes + bytes <= limits.perOwner && totalBytes + bytes <= limits.total;
                    if (ok) {
                        await q(`INSERT INTO file_usage (owner, bytes, files) SELECT o, $2, 1 FROM unnest($1::text[]) o
                            ON CONFLICT (owner) DO UPDATE SET bytes = file_usage.bytes + excluded.bytes, files = file_usage.files + 1`, [[owner, '*'], bytes]);
                    }
                    return { ok, ownerBytes, totalBytes };
                });
            },
        },
        notifications: {
            async add(records: NotificationRecord[]) {
                if (!records.length) return;
                await q(`INSERT INTO notifications (id, user_id, title, text, link, created_at, read_at)
                    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])`,
                [records.map((n) => n.id), records.map((n) => n.userId), records.map((n) => n.title), records.map((n) => n.text),
                    records.map((n) => n.link), records.map((n) => n.createdAt), records.map((n) => n.readAt)]);
            },
            async forUser(userId, size) {
                return (await q<{ id: string; user_id: string; title: string; text: string; link: string | null; created_at: number; read_at: number | null }>(
                    'SELECT * FROM notifications WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2', [userId, size]))
                    .map((r) => ({ id: r.id, userId: r.user_id, title: r.title, text: r.text, link: r.link, createdAt: r.created_at, readAt: r.read_at }));
            },
        },
    };
}
