/**
 * What every store promises the host (host/store/store.ts), checked on SQLite and on
 * PostgreSQL alike: typed round trips, filters and the members table, migrations and
 * upgrades, transactions with their savepoints, group commit, and claims of timers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PgStore } from '../../host/store/postgres/pg-store';
import { SqliteStore } from '../../host/store/sqlite/sqlite-store';
import type { AppTable, Store } from '../../host/store/store';
import { createTestDatabase } from '../support/pg-database';

// Each test opens a store (and creates a database): allow for a machine busy with other work.
jest.setTimeout(60_000);

interface Opened { store: Store; reopen(): Promise<Store>; dispose(): Promise<void> }

const kinds: [string, () => Promise<Opened>][] = [
    ['SQLite', async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brix-contract-'));
        return {
            store: SqliteStore.open(dir),
            reopen: async () => SqliteStore.open(dir),
            dispose: async () => fs.rmSync(dir, { recursive: true, force: true }),
        };
    }],
    ['PostgreSQL', async () => {
        const db = await createTestDatabase();
        return { store: await PgStore.open(db.url), reopen: () => PgStore.open(db.url), dispose: () => db.drop() };
    }],
];

const notes: AppTable = {
    key: 'demo.notes',
    fields: [
        { code: 'body', name: 'Body', type: 'TEXT', required: false, multiple: false, list: false },
        { code: 'tags', name: 'Tags', type: 'ENUM', required: false, multiple: true, list: false, options: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B' }] },
        { code: 'done', name: 'Done', type: 'BOOLEAN', required: false, multiple: false, list: false },
        { code: 'count', name: 'Count', type: 'INTEGER', required: false, multiple: false, list: false },
        { code: 'at', name: 'At', type: 'DATETIME', required: false, multiple: false, list: false },
        { code: 'extra', name: 'Extra', type: 'JSON' as never, required: false, multiple: false, list: false },
        { code: 'ref', name: 'Ref', type: 'SYS_COLLECTION', app: 'other', required: false, multiple: false, list: false },
    ],
    indexes: [{ fields: ['ref'], unique: true }],
};

/**
 * Whether a write was refused. Not `rejects.toThrow()`: better-sqlite3's native part keeps the
 * error class of the first test file that loaded it in this jest worker, so in a full run its
 * errors come from another realm and are not \`instanceof Error\` here.
 */
const refused = (write: Promise<unknown>) => write.then(() => false, () => true);

const row = (id: string, extra: Record<string, unknown> = {}) => ({
    __id: id, __name: id, __createdAt: 1, __createdBy: null, __updatedAt: 1, __updatedBy: null, __deletedAt: null, __status: null, ...extra,
});

describe.each(kinds)('%s store', (_name, open) => {
    let opened: Opened;
    let store: Store;
    beforeEach(async () => {
        opened = await open();
        store = opened.store;
        await store.migrate([notes], []);
    });
    afterEach(async () => {
        await store.close().catch(() => undefined);
        await opened.dispose();
    });

    const ids = async (where: NonNullable<Parameters<Store['find']>[1]['where']>) =>
        (await store.find(notes, { where, sort: [{ field: '__id', asc: true }], size: 100 })).map((r) => r.__id);

    it('round-trips typed values, lists, JSON, booleans and nulls', async () => {
        await store.insert(notes, row('n1', { body: 'hello', tags: ['a', 'b'], done: true, count: 3, at: 1_800_000_000_000, extra: { deep: [1, { x: 'y' }] } }));
        await store.insert(notes, row('n2', { tags: ['b'], done: false }));
        expect(await store.get(notes, 'n1')).toMatchObject({ body: 'hello', tags: ['a', 'b'], done: true, count: 3, at: 1_800_000_000_000, extra: { deep: [1, { x: 'y' }] }, __createdAt: 1 });
        expect(await store.get(notes, 'n2')).toMatchObject({ body: null, done: false, count: null, extra: null });
        expect(await store.get(notes, 'none')).toBeUndefined();
    });

    it('filters by list members, comparisons, text and emptiness, and sorts and pages', async () => {
        await store.insert(notes, row('n1', { body: 'Late refund', tags: ['a', 'b'], done: true, count: 1 }));
        await store.insert(notes, row('n2', { body: 'on time', tags: ['b'], done: false, count: 2 }));
        await store.insert(notes, row('n3', { tags: [], count: null }));
        expect(await ids({ kind: 'cmp', field: 'tags', op: 'eq', value: 'a' })).toEqual(['n1']);
        expect(await ids({ kind: 'in', field: 'tags', values: ['a', 'b'] })).toEqual(['n1', 'n2']);
        expect(await ids({ kind: 'cmp', field: 'tags', op: 'neq', value: 'a' })).toEqual(['n2', 'n3']);
        expect(await ids({ kind: 'cmp', field: 'tags', op: 'eq', value: null })).toEqual(['n3']);
        expect(await ids({ kind: 'cmp', field: 'done', op: 'eq', value: false })).toEqual(['n2']);
        expect(await ids({ kind: 'cmp', field: 'count', op: 'gte', value: 2 })).toEqual(['n2']);
        expect(await ids({ kind: 'cmp', field: 'count', op: 'neq', value: 2 })).toEqual(['n1', 'n3']);
        expect(await ids({ kind: 'fts', text: 'late REFUND' })).toEqual(['n1']);
        expect(await ids({ kind: 'cmp', field: 'body', op: 'like', value: 'TIME' })).toEqual(['n2']);
        expect(await ids({ kind: 'and', items: [] })).toEqual(['n1', 'n2', 'n3']);
        expect(await ids({ kind: 'in', field: 'count', values: [] })).toEqual([]);
        const sorted = await store.find(notes, { sort: [{ field: 'count', asc: true }], size: 2, from: 1 });
        expect(sorted.map((r) => r.__id)).toEqual(['n1', 'n2']);
        expect(await store.count(notes, { where: { kind: 'cmp', field: 'tags', op: 'eq', value: 'b' } })).toBe(2);
        await store.update(notes, 'n1', { __deletedAt: 5 });
        expect(await store.count(notes, {})).toBe(2);
        expect(await store.count(notes, { withDeleted: true })).toBe(3);
    });

    it('keeps the members index in step with updates', async () => {
        await store.insert(notes, row('n1', { tags: ['a'] }));
        expect(await store.update(notes, 'n1', { tags: ['b'] })).toBe(true);
        expect(await store.update(notes, 'missing', { tags: ['b'] })).toBe(false);
        expect(await ids({ kind: 'cmp', field: 'tags', op: 'eq', value: 'a' })).toEqual([]);
        expect(await ids({ kind: 'cmp', field: 'tags', op: 'eq', value: 'b' })).toEqual(['n1']);
    });

    it('updates a live item and answers its stored row in one step, and leaves a deleted or missing one alone', async () => {
        await store.insert(notes, row('n1', { body: 'old', tags: ['a'], done: false, extra: { k: 1 } }));
        await store.insert(notes, row('n2', { body: 'gone', __deletedAt: 5 }));
        const updated = await store.updateLive(notes, 'n1', { body: 'new', tags: ['b'], done: true, __updatedAt: 9 });
        expect(updated).toMatchObject({ __id: 'n1', body: 'new', tags: ['b'], done: true, extra: { k: 1 }, __updatedAt: 9, __createdAt: 1 });
        expect(await store.get(notes, 'n1')).toEqual(updated);
        expect(await ids({ kind: 'cmp', field: 'tags', op: 'eq', value: 'b' })).toEqual(['n1']);
        expect(await store.updateLive(notes, 'n2', { body: 'back' })).toBeUndefined();
        expect(await store.updateLive(notes, 'missing', { body: 'x' })).toBeUndefined();
        expect((await store.get(notes, 'n2'))?.body).toBe('gone');
    });

    it('writes the columns each update names, whatever the updates before it wrote', async () => {
        await store.insert(notes, row('n1', { body: 'a', count: 1 }));
        // Same app, lists of columns that differ, repeat and come back: each goes where it says.
        await store.updateLive(notes, 'n1', { body: 'b' });
        await store.updateLive(notes, 'n1', { count: 2 });
        await store.updateLive(notes, 'n1', { count: 3, body: 'c' });
        await store.updateLive(notes, 'n1', { body: 'd', count: 4 });
        await store.updateLive(notes, 'n1', { body: 'e' });
        expect(await store.get(notes, 'n1')).toMatchObject({ body: 'e', count: 4 });
        await store.insert(notes, row('n2', { body: 'x' }));
        await store.insert(notes, row('n3', { body: 'y', count: 7 }));
        expect(await store.get(notes, 'n3')).toMatchObject({ body: 'y', count: 7 });
    });

    it('aggregates in the store', async () => {
        await store.insert(notes, row('n1', { body: 'x', count: 2 }));
        await store.insert(notes, row('n2', { body: 'x', count: 5 }));
        await store.insert(notes, row('n3', { body: 'y', count: null }));
        const groups = await store.aggregate(notes, {}, { groupBy: ['body'], sum: ['count'], max: ['count'], min: ['count'] }, 10);
        expect(groups.sort((a, b) => String(a.group.body).localeCompare(String(b.group.body)))).toEqual([
            { group: { body: 'x' }, count: 2, sum: { count: 7 }, max: { count: 5 }, min: { count: 2 } },
            { group: { body: 'y' }, count: 1, sum: { count: 0 }, max: { count: null }, min: { count: null } },
        ]);
    });

    it('plans and applies upgrades: new columns, indexes and a members table filled from existing rows', async () => {
        const plain: AppTable = { key: 'demo.plain', fields: [{ code: 'who', name: 'Who', type: 'STRING', required: false, multiple: false, list: false }], indexes: [] };
        await store.migrate([plain], []);
        await store.insert(plain, row('p1', { who: 'x' }));
        const upgraded: AppTable = {
            key: 'demo.plain',
            fields: [...plain.fields, { code: 'watchers', name: 'Watchers', type: 'SYS_USER', required: false, multiple: true, list: false }],
            indexes: [{ fields: ['who'], unique: false }],
        };
        expect((await store.planMigration([upgraded], [plain])).map((s) => s.action)).toEqual(['add_column', 'create_table', 'create_index']);
        await store.migrate([upgraded], [plain]);
        expect(await store.planMigration([upgraded], [upgraded])).toEqual([]);
        await store.update(upgraded, 'p1', { watchers: ['u1'] });
        expect((await store.find(upgraded, { where: { kind: 'cmp', field: 'watchers', op: 'eq', value: 'u1' } })).map((r) => r.__id)).toEqual(['p1']);
        const changed: AppTable = { ...upgraded, fields: [{ ...plain.fields[0], type: 'INTEGER' }, upgraded.fields[1]] };
        await expect(store.planMigration([changed], [upgraded])).rejects.toMatchObject({ code: 'INCOMPATIBLE_CHANGE' });
        expect((await store.planMigration([{ ...upgraded, indexes: [] }], [upgraded])).map((s) => s.action)).toEqual(['drop_index']);
        await store.dropApps(['demo.plain']);
        expect((await store.planMigration([plain], []))[0]).toMatchObject({ action: 'create_table' });
    });

    it('turns an index sparse on upgrade, and finds rows by value and by emptiness alike', async () => {
        const plain: AppTable = { key: 'demo.flags', fields: [{ code: 'due', name: 'Due', type: 'BOOLEAN', required: false, multiple: false, list: false }], indexes: [{ fields: ['due'], unique: false }] };
        await store.migrate([plain], []);
        for (const [id, due] of [['f1', true], ['f2', null], ['f3', false], ['f4', true]] as const) await store.insert(plain, row(id, { due }));
        const sparse: AppTable = { ...plain, indexes: [{ fields: ['due'], unique: false, sparse: true }] };
        expect((await store.planMigration([sparse], [plain])).map((s) => s.action)).toEqual(['create_index', 'drop_index']);
        await store.migrate([sparse], [plain]);
        expect(await store.planMigration([sparse], [sparse])).toEqual([]);
        const by = async (value: boolean | null) => (await store.find(sparse, { where: { kind: 'cmp', field: 'due', op: 'eq', value }, sort: [{ field: '__id', asc: true }] })).map((r) => r.__id);
        expect([await by(true), await by(false), await by(null)]).toEqual([['f1', 'f4'], ['f3'], ['f2']]);
        await store.update(sparse, 'f1', { due: null });
        expect([await by(true), await by(null)]).toEqual([['f4'], ['f1', 'f2']]);
    });

    it('keeps indexes with long names across restarts', async () => {
        const long: AppTable = {
            key: 'a_rather_long_namespace.an_app_with_a_long_code',
            fields: [{ code: 'a_field_with_a_long_code_too', name: 'F', type: 'STRING', required: false, multiple: false, list: false }],
            indexes: [{ fields: ['a_field_with_a_long_code_too', '__createdAt'], unique: false }],
        };
        await store.migrate([long], []);
        await store.close();
        store = await opened.reopen();
        expect(await store.planMigration([long], [long])).toEqual([]);
    });

    it('rolls a failed transaction back whole, and runs after-commit work only on commit', async () => {
        const pushed: string[] = [];
        await expect(store.transaction(async () => {
            await store.insert(notes, row('kept-out'));
            store.afterCommit(() => pushed.push('no'));
            throw new Error('abort');
        })).rejects.toThrow('abort');
        await store.transaction(async () => {
            await store.insert(notes, row('kept'));
            store.afterCommit(() => pushed.push('yes'));
            expect(store.transactionScope()).toBeDefined();
        });
        expect(store.transactionScope()).toBeUndefined();
        expect(await store.get(notes, 'kept-out')).toBeUndefined();
        expect(await store.get(notes, 'kept')).toBeDefined();
        expect(pushed).toEqual(['yes']);
    });

    it('lets a transaction go on after a write it caught was refused', async () => {
        await store.insert(notes, row('first', { ref: 'r1' }));
        await store.transaction(async () => {
            await store.insert(notes, row('before', { tags: ['a'] }));
            expect(await refused(store.insert(notes, row('dup', { ref: 'r1', tags: ['b'] })))).toBe(true);
            expect(await refused(store.insert(notes, row('first')))).toBe(true);
            await store.insert(notes, row('after', { tags: ['a'] }));
        });
        expect(await ids({ kind: 'cmp', field: 'tags', op: 'eq', value: 'a' })).toEqual(['after', 'before']);
        expect(await store.get(notes, 'dup')).toBeUndefined();
        expect(await ids({ kind: 'cmp', field: 'tags', op: 'eq', value: 'b' })).toEqual([]);
    });

    it('commits concurrent transactions, each only with its own writes, and readers see them whole', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const writer = store.transaction(async () => {
            await store.insert(notes, row('a'));
            await gate;
            await store.insert(notes, row('b'));
        });
        const reader = store.count(notes, {});
        const failing = store.transaction(async () => {
            await store.insert(notes, row('c'));
            throw new Error('no');
        }).catch(() => 'refused');
        const others = Array.from({ length: 20 }, (_, i) => store.transaction(() => store.insert(notes, row(`m${i}`))));
        release();
        await writer;
        expect(await reader).toBeGreaterThanOrEqual(2);
        expect(await failing).toBe('refused');
        await Promise.all(others);
        expect(await store.count(notes, {})).toBe(22);
    });

    it('keeps system records: users by login whatever the case, groups, logins, storage, outbox, notifications', async () => {
        const s = store.system;
        await s.users.create({ id: 'u1', login: 'Mary', passwordHash: 'h', fullname: 'Mary Major', email: null, timezone: 'UTC', status: 'active' });
        await s.users.create({ id: 'u2', login: 'bob', passwordHash: 'h', fullname: 'Bob', email: 'b@x', timezone: 'UTC', status: 'active' });
        expect(await refused(s.users.create({ id: 'u3', login: 'MARY', passwordHash: 'h', fullname: 'M', email: null, timezone: 'UTC', status: 'active' }))).toBe(true);
        expect((await s.users.byLogin('mary'))?.id).toBe('u1');
        await s.users.setGroups('u1', ['staff', 'admins']);
        expect((await s.users.get('u1'))?.groups).toEqual(['admins', 'staff']);
        expect(await s.groups.members('staff')).toEqual(['u1']);
        expect((await s.users.list({ where: { kind: 'fts', text: 'major' } })).map((u) => u.id)).toEqual(['u1']);
        expect((await s.users.list({ where: { kind: 'cmp', field: 'groupIds', op: 'eq', value: 'staff' } })).map((u) => u.id)).toEqual(['u1']);
        expect((await s.users.list({})).map((u) => u.login)).toEqual(['bob', 'Mary']);
        expect((await s.users.list({})).map((u) => u.groups)).toEqual([[], ['admins', 'staff']]);
        // Many at once: in the order asked, missing ids left out, each with its groups, and again after a change.
        expect((await s.users.many(['u2', 'nobody', 'u1'])).map((u) => [u.id, u.groups])).toEqual([['u2', []], ['u1', ['admins', 'staff']]]);
        await s.users.setGroups('u2', ['staff']);
        expect((await s.users.many(['u1', 'u2'])).map((u) => u.groups)).toEqual([['admins', 'staff'], ['staff']]);
        await s.users.setGroups('u2', []);
        expect(await s.users.count()).toBe(2);
        await s.logins.create('t1', 'u1', Date.now() + 1000);
        expect(await s.logins.find('t1', Date.now())).toMatchObject({ userId: 'u1' });
        await s.logins.removeForUser('u1');
        expect(await s.logins.find('t1', Date.now())).toBeUndefined();
        await s.storage.set('ext', 'k', { a: [1] });
        expect(await s.storage.get('ext', 'k')).toEqual({ a: [1] });
        await s.outbox.add('ext', 'custom', { n: 1 });
        await s.outbox.add('ext', 'custom', { n: 2 });
        const pending = await s.outbox.pending(10);
        expect(pending.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 2 }]);
        await s.outbox.done(pending[0].id);
        await s.notifications.add([{ id: 'x1', userId: 'u1', title: 'T', text: 'x', link: null, createdAt: 5, readAt: null }]);
        expect(await s.notifications.forUser('u1', 5)).toEqual([{ id: 'x1', userId: 'u1', title: 'T', text: 'x', link: null, createdAt: 5, readAt: null }]);
        expect(await s.fileUsage.reserve('u1', 10, { perOwner: 15, total: 100 })).toEqual({ ok: true, ownerBytes: 0, totalBytes: 0 });
        expect(await s.fileUsage.reserve('u1', 10, { perOwner: 15, total: 100 })).toEqual({ ok: false, ownerBytes: 10, totalBytes: 10 });
    });

    it('hands each due timer out until it is removed, set again or released', async () => {
        const t = store.system.timers;
        await t.put({ key: 'k1', extensionId: 'e', script: 's', runAt: 10, payload: { b: 1, a: 2 }, serialKey: null });
        await t.put({ key: 'k2', extensionId: 'e', script: 's', runAt: 20, payload: null, serialKey: 'x' });
        expect(await t.next()).toBe(10);
        const due = await t.due(30);
        expect(due.map((x) => x.key)).toEqual(['k1', 'k2']);
        expect(JSON.stringify(due[0].payload)).toBe('{"b":1,"a":2}');
        await t.release(['k2']);
        await t.remove('k1');
        expect((await t.due(30, ['k1'])).map((x) => x.key)).toEqual(['k2']);
    });
});
