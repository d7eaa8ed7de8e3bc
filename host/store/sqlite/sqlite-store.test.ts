import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AppTable } from '../store';
import { SqliteStore } from './sqlite-store';
import { systemMigrations } from './system-migrations';

const notes: AppTable = {
    key: 'demo.notes',
    fields: [
        { code: 'body', name: 'Body', type: 'TEXT', required: false, multiple: false, list: false },
        { code: 'tags', name: 'Tags', type: 'ENUM', required: false, multiple: true, list: false, options: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B' }] },
        { code: 'done', name: 'Done', type: 'BOOLEAN', required: false, multiple: false, list: false },
    ],
    indexes: [],
};

const row = (id: string, extra: Record<string, unknown> = {}) => ({
    __id: id, __name: id, __createdAt: 1, __createdBy: null, __updatedAt: 1, __updatedBy: null, __deletedAt: null, __status: null, ...extra,
});

describe('SQLite store', () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brix-store-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('applies each system migration once, in WAL mode, and records the version', async () => {
        const store = SqliteStore.open(dir);
        await store.close();
        const reopened = SqliteStore.open(dir);
        await reopened.close();
        const db = new Database(path.join(dir, 'host.sqlite'));
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.prepare("SELECT value FROM meta WHERE key = 'system_version'").get()).toEqual({ value: String(systemMigrations.at(-1)!.version) });
        const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
        expect(tables).toEqual(expect.arrayContaining(['users', 'groups', 'group_members', 'logins', 'extensions', 'timers', 'outbox', 'storage', 'notifications']));
        db.close();
    });

    it('creates typed columns and round-trips lists, booleans and nulls', async () => {
        const store = SqliteStore.open(dir);
        await store.migrate([notes], []);
        await store.insert(notes, row('n1', { body: 'hello', tags: ['a', 'b'], done: true }));
        await store.insert(notes, row('n2', { tags: ['b'], done: false }));
        expect(await store.get(notes, 'n1')).toMatchObject({ body: 'hello', tags: ['a', 'b'], done: true });
        expect(await store.get(notes, 'n2')).toMatchObject({ body: null, done: false });
        expect((await store.find(notes, { where: { kind: 'cmp', field: 'tags', op: 'eq', value: 'a' } })).map((r) => r.__id)).toEqual(['n1']);
        expect(await store.count(notes, { where: { kind: 'cmp', field: 'done', op: 'eq', value: false } })).toBe(1);
        await store.close();
    });

    it('keeps only rows with a value in a sparse index, and seeks it for a filter by value', async () => {
        const tasks: AppTable = { ...notes, key: 'demo.tasks', indexes: [{ fields: ['body', 'done'], unique: false, sparse: true }] };
        const store = SqliteStore.open(dir);
        await store.migrate([tasks], []);
        for (let i = 0; i < 20; i++) await store.insert(tasks, row(`t${i}`, i % 4 ? { body: `b${i % 2}` } : { body: `b${i % 2}`, done: true }));
        const plans: string[] = [];
        store.onQueryPlan((plan) => plans.push(...plan.steps));
        const found = await store.find(tasks, { where: { kind: 'and', items: [{ kind: 'cmp', field: 'body', op: 'eq', value: 'b0' }, { kind: 'cmp', field: 'done', op: 'eq', value: true }] } });
        expect(found.map((r) => r.__id).sort()).toEqual(['t0', 't12', 't16', 't4', 't8']);
        expect(plans.join('\n')).toContain('USING INDEX ix_app_demo__tasks_body_done__sparse');
        // Rows without a value are still found, by a scan; the index holds the five that have one.
        expect(await store.count(tasks, { where: { kind: 'cmp', field: 'done', op: 'eq', value: null } })).toBe(15);
        await store.close();
        const db = new Database(path.join(dir, 'host.sqlite'));
        expect(db.prepare("SELECT SUM(ncell) AS n FROM dbstat WHERE name = 'ix_app_demo__tasks_body_done__sparse'").get()).toEqual({ n: 5 });
        db.close();
    });

    it('rolls a failed transaction back whole', async () => {
        const store = SqliteStore.open(dir);
        await store.migrate([notes], []);
        await expect(store.transaction(async () => {
            await store.insert(notes, row('kept-out'));
            throw new Error('abort');
        })).rejects.toThrow('abort');
        expect(await store.get(notes, 'kept-out')).toBeUndefined();
        await store.close();
    });

    it('makes readers wait for an open transaction instead of seeing half of it', async () => {
        const store = SqliteStore.open(dir);
        await store.migrate([notes], []);
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const writer = store.transaction(async () => {
            await store.insert(notes, row('a'));
            await gate;
            await store.insert(notes, row('b'));
        });
        const reader = store.count(notes, {});
        release();
        await writer;
        expect(await reader).toBe(2);
        await store.close();
    });

    it('answers group members from memory until a membership changes', async () => {
        const store = SqliteStore.open(dir);
        await store.system.users.create({ id: 'u1', login: 'u1', passwordHash: 'x', fullname: 'U1', email: null, timezone: 'UTC', status: 'active' });
        await store.system.users.setGroups('u1', ['staff']);
        expect(await store.system.groups.members('staff')).toEqual(['u1']);
        await store.system.users.setGroups('u1', ['other']);
        expect(await store.system.groups.members('staff')).toEqual([]);
        expect(await store.system.groups.members('other')).toEqual(['u1']);
        await store.close();
    });
});
