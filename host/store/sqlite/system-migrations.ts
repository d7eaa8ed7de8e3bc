/**
 * Versioned migrations of the host's own tables. Each runs once, in order, in one
 * transaction with the version bump; a new version is appended, never edited.
 */
export interface SystemMigration {
    version: number;
    sql: string;
}

export const systemMigrations: SystemMigration[] = [
    {
        version: 1,
        sql: `
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    fullname TEXT NOT NULL,
    email TEXT,
    timezone TEXT NOT NULL DEFAULT 'UTC',
    status TEXT NOT NULL DEFAULT 'active'
);
CREATE TABLE groups (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    extension_id TEXT
);
CREATE TABLE group_members (
    group_code TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_code, user_id)
);
CREATE INDEX ix_group_members_user ON group_members(user_id);
CREATE TABLE logins (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE TABLE extensions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    status TEXT NOT NULL,
    last_error TEXT,
    manifest TEXT NOT NULL,
    package_dir TEXT NOT NULL,
    installed_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE timers (
    key TEXT PRIMARY KEY,
    extension_id TEXT NOT NULL,
    script TEXT NOT NULL,
    run_at INTEGER NOT NULL,
    payload TEXT
);
CREATE INDEX ix_timers_run_at ON timers(run_at);
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    extension_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT
);
CREATE TABLE storage (
    extension_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (extension_id, key)
);
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    link TEXT,
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE INDEX ix_notifications_user ON notifications(user_id, created_at);
`,
    },
    {
        version: 2,
        // Timers run concurrently now; those sharing a serial key still run one at a time.
        sql: 'ALTER TABLE timers ADD COLUMN serial_key TEXT;',
    },
    {
        version: 3,
        // Upload quotas: bytes and files kept per user, and for the whole host under owner '*'.
        sql: 'CREATE TABLE file_usage (owner TEXT PRIMARY KEY, bytes INTEGER NOT NULL, files INTEGER NOT NULL);',
    },
];
