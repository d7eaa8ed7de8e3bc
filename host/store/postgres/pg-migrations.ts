/**
 * Versioned migrations of the host's own tables in PostgreSQL: the same tables as SQLite's
 * (sqlite/system-migrations.ts), with PostgreSQL's types, plus what several instances need:
 * claims on timers and events, and the bodies of large realtime messages.
 */
import type { SystemMigration } from '../sqlite/system-migrations';

export const pgSystemMigrations: SystemMigration[] = [
    {
        version: 1,
        sql: `
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    login TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    fullname TEXT NOT NULL,
    email TEXT,
    timezone TEXT NOT NULL DEFAULT 'UTC',
    status TEXT NOT NULL DEFAULT 'active'
);
CREATE UNIQUE INDEX ux_users_login ON users (lower(login));
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
    expires_at BIGINT NOT NULL
);
CREATE INDEX ix_logins_user ON logins(user_id);
CREATE TABLE extensions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    status TEXT NOT NULL,
    last_error TEXT,
    manifest TEXT NOT NULL,
    package_dir TEXT NOT NULL,
    installed_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE timers (
    key TEXT PRIMARY KEY,
    extension_id TEXT NOT NULL,
    script TEXT NOT NULL,
    run_at BIGINT NOT NULL,
    payload TEXT,
    serial_key TEXT,
    claimed_until BIGINT
);
CREATE INDEX ix_timers_run_at ON timers(run_at);
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    extension_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT,
    claimed_until BIGINT
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
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX ix_notifications_user ON notifications(user_id, created_at);
CREATE TABLE file_usage (owner TEXT PRIMARY KEY, bytes BIGINT NOT NULL, files BIGINT NOT NULL);
CREATE TABLE bus_messages (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL, created_at BIGINT NOT NULL);
`,
    },
];
