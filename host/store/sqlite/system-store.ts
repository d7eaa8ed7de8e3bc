/**
 * The host's own tables in SQLite (see system-migrations.ts for their shape).
 */
import type Database from 'better-sqlite3';
import type { ExtensionRecord, GroupRecord, NotificationRecord, SystemStore, TimerRecord, UserRecord } from '../store';
import { buildQuery, limitClause, type ColumnMap } from './query';

type Db = Database.Database;

/** The user list's filterable fields, the same in both stores. */
export const userColumns: ColumnMap = {
    __id: { expr: 'users.id', kind: 'scalar' },
    login: { expr: 'users.login', kind: 'scalar', text: true },
    fullname: { expr: 'users.fullname', kind: 'scalar', text: true },
    email: { expr: 'users.email', kind: 'scalar', text: true },
    groupIds: { expr: 'users.id', kind: 'scalar', member: 'EXISTS (SELECT 1 FROM group_members gm WHERE gm.user_id = users.id AND gm.group_code = ?)' },
};

export interface UserRow {
    id: string;
    login: string;
    password_hash: string;
    fullname: string;
    email: string | null;
    timezone: string;
    status: 'active' | 'blocked';
}

/** A row of `groups`, in both stores. */
export interface GroupRow {
    code: string;
    name: string;
    extension_id: string | null;
}

export const toGroup = (r: GroupRow): GroupRecord => ({ code: r.code, name: r.name, extensionId: r.extension_id });

export interface ExtensionRow {
    id: string;
    name: string;
    version: string;
    status: ExtensionRecord['status'];
    last_error: string | null;
    manifest: string;
    package_dir: string;
    installed_at: number;
    updated_at: number;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

/**
 * `settled` lets a read wait for the writes queued before it; `write` runs a change as a
 * queued transaction of its own, so it never joins (and rolls back with) somebody else's.
 */
/** Ids per `IN (...)` list (SQLite allows 32,766 parameters; statements stay few and cached). */
const LIST_CHUNK = 500;

export function createSystemStore(db: Db, settled: () => Promise<void> | undefined, write: (change: () => void) => Promise<void>): SystemStore {
    // Compiled once per SQL text: users and groups are read on every request and push.
    const statements = new Map<string, Database.Statement>();
    const prepare = (sql: string): Database.Statement => {
        let statement = statements.get(sql);
        if (!statement) {
            // User searches vary with their filters: keep the cache bounded.
            if (statements.size >= 200) statements.delete(statements.keys().next().value!);
            statements.set(sql, (statement = db.prepare(sql)));
        }
        return statement;
    };
    // Group members by group, read on every push to a group, and users by id, read on every
    // request, reference and push; both change only through create, setGroups and setStatus.
    // Those clear them once their own transaction has ended (committed or not), so a row read
    // between the write and its commit is never kept past it.
    const members = new Map<string, string[]>();
    const users = new Map<string, UserRecord>();
    const changeUser = async (userId: string, change: () => void): Promise<void> => {
        try {
            await write(change);
        } finally {
            users.delete(userId);
            members.clear();
        }
    };
    // Cached users are handed out as they are, frozen, so one caller cannot change another's
    // (a push to a big group reads every member; a copy each was most of the read).
    const frozen = (u: UserRecord): UserRecord => Object.freeze({ ...u, groups: Object.freeze(u.groups) as string[] });
    const groupsOf = (userId: string): string[] =>
        (prepare('SELECT group_code FROM group_members WHERE user_id = ? ORDER BY group_code').all(userId) as { group_code: string }[]).map((r) => r.group_code);
    const toUser = (r: UserRow, groups = groupsOf(r.id)): UserRecord => ({
        id: r.id, login: r.login, passwordHash: r.password_hash, fullname: r.fullname, email: r.email,
        timezone: r.timezone, status: r.status, groups,
    });
    /** Users of many rows with their groups, read in one query rather than one per user. */
    const toUsers = (rows: UserRow[]): UserRecord[] => {
        const groups = new Map<string, string[]>(rows.map((r) => [r.id, []]));
        for (let i = 0; i < rows.length; i += LIST_CHUNK) {
            const ids = rows.slice(i, i + LIST_CHUNK).map((r) => r.id);
            const found = prepare(`SELECT user_id, group_code FROM group_members WHERE user_id IN (${ids.map(() => '?').join(', ')}) ORDER BY group_code`)
                .all(...ids) as { user_id: string; group_code: string }[];
            for (const m of found) groups.get(m.user_id)!.push(m.group_code);
        }
        return rows.map((r) => toUser(r, groups.get(r.id)));
    };
    const toExtension = (r: ExtensionRow): ExtensionRecord => ({
        id: r.id, name: r.name, version: r.version, status: r.status, lastError: r.last_error,
        manifest: JSON.parse(r.manifest), packageDir: r.package_dir, installedAt: r.installed_at, updatedAt: r.updated_at,
    });
    const toTimer = (r: { key: string; extension_id: string; script: string; run_at: number; payload: string | null; serial_key: string | null }): TimerRecord => ({
        key: r.key, extensionId: r.extension_id, script: r.script, runAt: r.run_at, payload: parse(r.payload), serialKey: r.serial_key,
    });

    return {
        users: {
            async create(u) {
                await changeUser(u.id, () => {
                    prepare('INSERT INTO users (id, login, password_hash, fullname, email, timezone, status) VALUES (?, ?, ?, ?, ?, ?, ?)')
                        .run(u.id, u.login, u.passwordHash, u.fullname, u.email, u.timezone, u.status);
                });
            },
            async get(id) {
                await settled();
                let user = users.get(id);
                if (!user) {
                    const r = prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
                    if (!r) return undefined;
                    user = frozen(toUser(r));
                    users.set(id, user);
                }
                return user;
            },
            async byLogin(login) {
                await settled();
                const r = prepare('SELECT * FROM users WHERE login = ?').get(login) as UserRow | undefined;
                return r && toUser(r);
            },
            async list(query) {
                await settled();
                const q = buildQuery(userColumns, { ...query, sort: [{ field: 'login', asc: true }] });
                return toUsers(prepare(`SELECT * FROM users WHERE ${q.where} ${q.order} ${q.limit}`).all(...q.params, ...q.limitParams) as UserRow[]);
            },
            async many(ids) {
                await settled();
                const missing = [...new Set(ids.filter((id) => !users.has(id)))];
                for (let i = 0; i < missing.length; i += LIST_CHUNK) {
                    const chunk = missing.slice(i, i + LIST_CHUNK);
                    const rows = prepare(`SELECT * FROM users WHERE id IN (${chunk.map(() => '?').join(', ')})`).all(...chunk) as UserRow[];
                    for (const user of toUsers(rows)) users.set(user.id, frozen(user));
                }
                // A loop, not flatMap: a group's members are looked up for every push to it.
                const found: UserRecord[] = [];
                for (const id of ids) {
                    const user = users.get(id);
                    if (user) found.push(user);
                }
                return found;
            },
            async count(where) {
                await settled();
                const q = buildQuery(userColumns, { where });
                return (prepare(`SELECT COUNT(*) AS n FROM users WHERE ${q.where}`).get(...q.params) as { n: number }).n;
            },
            async setGroups(userId, groups) {
                await changeUser(userId, () => {
                    prepare('DELETE FROM group_members WHERE user_id = ?').run(userId);
                    const add = prepare('INSERT INTO group_members (group_code, user_id) VALUES (?, ?)');
                    for (const g of groups) add.run(g, userId);
                });
            },
            async setStatus(userId, status) {
                await changeUser(userId, () => prepare('UPDATE users SET status = ? WHERE id = ?').run(status, userId));
            },
        },
        groups: {
            async upsert(g: GroupRecord) {
                await settled();
                prepare('INSERT INTO groups (code, name, extension_id) VALUES (?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, extension_id = excluded.extension_id')
                    .run(g.code, g.name, g.extensionId);
            },
            async list() {
                await settled();
                return (prepare('SELECT code, name, extension_id FROM groups ORDER BY name').all() as GroupRow[]).map(toGroup);
            },
            async get(code) {
                await settled();
                const r = prepare('SELECT code, name, extension_id FROM groups WHERE code = ?').get(code) as GroupRow | undefined;
                return r && toGroup(r);
            },
            async members(code) {
                await settled();
                let found = members.get(code);
                if (!found) {
                    found = (prepare('SELECT user_id FROM group_members WHERE group_code = ?').all(code) as { user_id: string }[]).map((r) => r.user_id);
                    members.set(code, found);
                }
                return [...found];
            },
        },
        logins: {
            async create(tokenHash, userId, expiresAt) {
                await settled();
                prepare('INSERT INTO logins (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run(tokenHash, userId, expiresAt);
            },
            async find(tokenHash, now) {
                await settled();
                const r = prepare('SELECT user_id, expires_at FROM logins WHERE token_hash = ? AND expires_at > ?').get(tokenHash, now) as { user_id: string; expires_at: number } | undefined;
                return r && { userId: r.user_id, expiresAt: r.expires_at };
            },
            async remove(tokenHash) {
                await settled();
                prepare('DELETE FROM logins WHERE token_hash = ?').run(tokenHash);
            },
            async removeForUser(userId) {
                await settled();
                prepare('DELETE FROM logins WHERE user_id = ?').run(userId);
            },
        },
        extensions: {
            async put(e) {
                await settled();
                prepare(`INSERT INTO extensions (id, name, version, status, last_error, manifest, package_dir, installed_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, version = excluded.version, status = excluded.status,
                    last_error = excluded.last_error, manifest = excluded.manifest, package_dir = excluded.package_dir, updated_at = excluded.updated_at`)
                    .run(e.id, e.name, e.version, e.status, e.lastError, JSON.stringify(e.manifest), e.packageDir, e.installedAt, e.updatedAt);
            },
            async get(id) {
                await settled();
                const r = prepare('SELECT * FROM extensions WHERE id = ?').get(id) as ExtensionRow | undefined;
                return r && toExtension(r);
            },
            async list() {
                await settled();
                return (prepare('SELECT * FROM extensions ORDER BY id').all() as ExtensionRow[]).map(toExtension);
            },
            async setStatus(id, status, lastError) {
                await settled();
                prepare('UPDATE extensions SET status = ?, last_error = ?, updated_at = ? WHERE id = ?').run(status, lastError, Date.now(), id);
            },
            async remove(id) {
                await settled();
                prepare('DELETE FROM extensions WHERE id = ?').run(id);
            },
        },
        timers: {
            async put(t) {
                await settled();
                prepare('INSERT INTO timers (key, extension_id, script, run_at, payload, serial_key) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET extension_id = excluded.extension_id, script = excluded.script, run_at = excluded.run_at, payload = excluded.payload, serial_key = excluded.serial_key')
                    .run(t.key, t.extensionId, t.script, t.runAt, t.payload === undefined ? null : JSON.stringify(t.payload), t.serialKey ?? null);
            },
            async get(key) {
                await settled();
                const r = prepare('SELECT * FROM timers WHERE key = ?').get(key) as Parameters<typeof toTimer>[0] | undefined;
                return r && toTimer(r);
            },
            async remove(key) {
                await settled();
                prepare('DELETE FROM timers WHERE key = ?').run(key);
            },
            async due(now, skip = []) {
                await settled();
                return (prepare('SELECT * FROM timers WHERE run_at <= ? AND key NOT IN (SELECT value FROM json_each(?)) ORDER BY run_at LIMIT 100')
                    .all(now, JSON.stringify(skip)) as Parameters<typeof toTimer>[0][]).map(toTimer);
            },
            async release() {
                // One instance owns the file: nothing was claimed.
            },
            async next(skip = []) {
                await settled();
                return (prepare('SELECT MIN(run_at) AS at FROM timers WHERE key NOT IN (SELECT value FROM json_each(?))').get(JSON.stringify(skip)) as { at: number | null }).at ?? undefined;
            },
            async removeForExtension(extensionId) {
                await settled();
                prepare('DELETE FROM timers WHERE extension_id = ?').run(extensionId);
            },
        },
        outbox: {
            async add(extensionId, kind, payload) {
                await settled();
                prepare('INSERT INTO outbox (extension_id, kind, payload) VALUES (?, ?, ?)').run(extensionId, kind, JSON.stringify(payload ?? null));
            },
            async pending(limit) {
                await settled();
                return (prepare(`SELECT * FROM outbox ORDER BY id ${limitClause(limit)}`).all() as { id: number; extension_id: string; kind: string; payload: string | null }[])
                    .map((r) => ({ id: r.id, extensionId: r.extension_id, kind: r.kind, payload: parse(r.payload) }));
            },
            async done(id) {
                await settled();
                prepare('DELETE FROM outbox WHERE id = ?').run(id);
            },
        },
        storage: {
            async get(extensionId, key) {
                await settled();
                const r = prepare('SELECT value FROM storage WHERE extension_id = ? AND key = ?').get(extensionId, key) as { value: string } | undefined;
                return r ? JSON.parse(r.value) : undefined;
            },
            async set(extensionId, key, value) {
                await settled();
                prepare('INSERT INTO storage (extension_id, key, value) VALUES (?, ?, ?) ON CONFLICT(extension_id, key) DO UPDATE SET value = excluded.value')
                    .run(extensionId, key, JSON.stringify(value));
            },
            async remove(extensionId, key) {
                await settled();
                prepare('DELETE FROM storage WHERE extension_id = ? AND key = ?').run(extensionId, key);
            },
            async clear(extensionId) {
                await settled();
                prepare('DELETE FROM storage WHERE extension_id = ?').run(extensionId);
            },
        },
        fileUsage: {
            async reserve(owner, bytes, limits) {
                await settled();
                const read = prepare('SELECT bytes FROM file_usage WHERE owner = ?');
                const add = prepare('INSERT INTO file_usage (owner, bytes, files) VALUES (?, ?, 1) ON CONFLICT(owner) DO UPDATE SET bytes = bytes + excluded.bytes, files = files + 1');
                return db.transaction(() => {
                    const ownerBytes = (read.get(owner) as { bytes: number } | undefined)?.bytes ?? 0;
                    const totalBytes = (read.get('*') as { bytes: number } | undefined)?.bytes ?? 0;
                    const ok = ownerBytes + bytes <= limits.perOwner && totalBytes + bytes <= limits.total;
                    if (ok) {
                        add.run(owner, bytes);
                        add.run('*', bytes);
                    }
                    return { ok, ownerBytes, totalBytes };
                })();
            },
        },
        notifications: {
            async add(records: NotificationRecord[]) {
                await settled();
                const insert = prepare('INSERT INTO notifications (id, user_id, title, text, link, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
                db.transaction(() => records.forEach((n) => insert.run(n.id, n.userId, n.title, n.text, n.link, n.createdAt, n.readAt)))();
            },
            async forUser(userId, size) {
                await settled();
                return (prepare(`SELECT * FROM notifications WHERE user_id = ? ORDER BY created_at DESC ${limitClause(size)}`).all(userId) as { id: string; user_id: string; title: string; text: string; link: string | null; created_at: number; read_at: number | null }[])
                    .map((r) => ({ id: r.id, userId: r.user_id, title: r.title, text: r.text, link: r.link, createdAt: r.created_at, readAt: r.read_at }));
            },
        },
    };
}
