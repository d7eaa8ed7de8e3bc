/**
 * Multi-valued fields are indexed in a members table kept in step with the rows, so a
 * membership filter is an index seek however many rows the table has.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { AppTable } from '../store';
import { SqliteStore } from './sqlite-store';

const sessions: AppTable = {
    key: 'demo.sessions',
    fields: [
        { code: 'state', name: 'State', type: 'STRING', required: false, multiple: false, list: false },
        { code: 'clients', name: 'Clients', type: 'SYS_COLLECTION', app: 'clients', required: false, multiple: true, list: false },
        { code: 'watchers', name: 'Watchers', type: 'SYS_USER', required: false, multiple: true, list: false },
    ],
    indexes: [{ fields: ['state'], unique: false }],
};

const row = (id: string, extra: Record<string, unknown> = {}) => ({
    __id: id, __name: id, __createdAt: 1, __createdBy: null, __updatedAt: 1, __updatedBy: null, __deletedAt: null, __status: null, ...extra,
});
const has = (field: string, value: string) => ({ kind: 'cmp' as const, field, op: 'eq' as const, value });
const ids = async (store: SqliteStore, where: Parameters<SqliteStore['find']>[1]['where']) => (await store.find(sessions, { where, sort: [{ field: '__id', asc: true }], size: 100 })).map((r) => r.__id);

describe('members of multi-valued fields', () => {
    let dir: string;
    beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brix-members-')); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('finds items by a value of a list field, and follows updates of the list', async () => {
        const store = SqliteStore.open(dir);
        await store.migrate([sessions], []);
        await store.insert(sessions, row('s1', { clients: ['c1', 'c2'], state: 'open' }));
        await store.insert(sessions, row('s2', { clients: ['c2'], watchers: ['u1'], state: 'closed' }));
        expect(await ids(store, has('clients', 'c2'))).toEqual(['s1', 's2']);
        expect(await ids(store, { kind: 'in', field: 'clients', values: ['c1', 'c9'] })).toEqual(['s1']);
        expect(await ids(store, { kind: 'and', items: [has('clients', 'c2'), has('state', 'closed')] })).toEqual(['s2']);
        expect(await ids(store, { kind: 'cmp', field: 'clients', op: 'neq', value: 'c1' })).toEqual(['s2']);
        await store.update(sessions, 's1', { clients: ['c3'] });
        await store.update(sessions, 's2', { state: 'open' });
        expect(await ids(store, has('clients', 'c2'))).toEqual(['s2']);
        expect(await ids(store, has('clients', 'c3'))).toEqual(['s1']);
        expect(await ids(store, has('watchers', 'u1'))).toEqual(['s2']);
        await store.close();
    });

    it('seeks the members table instead of scanning the rows, once statistics show how many rows a state has', async () => {
        const store = SqliteStore.open(dir);
        await store.migrate([sessions], []);
        await store.transaction(async () => {
            for (let i = 0; i < 2000; i++) await store.insert(sessions, row(`s${i}`, { clients: [`c${i}`], state: i % 2 ? 'open' : 'closed' }));
        });
        store.optimize(true);
        const steps: string[] = [];
        const watching = store.onQueryPlan((p) => steps.push(...p.steps));
        await store.find(sessions, { where: { kind: 'and', items: [has('clients', 'c1'), has('state', 'open')] }, sort: [{ field: '__createdAt', asc: false }], size: 10 });
        watching.dispose();
        const plan = steps.join('\n');
        expect(plan).toMatch(/SEARCH .*demo__sessions__members/);
        expect(plan).not.toMatch(/SCAN "?app_demo__sessions"?( |$)/m);
        await store.close();
    });

    it('fills the members table of rows written before it existed', async () => {
        const store = SqliteStore.open(dir);
        await store.migrate([sessions], []);
        await store.insert(sessions, row('old', { clients: ['c1'] }));
        await store.close();
        const db = new Database(path.join(dir, 'host.sqlite'));
        db.exec('DROP TABLE "app_demo__sessions__members"');
        db.close();
        const reopened = SqliteStore.open(dir);
        const steps = await reopened.migrate([sessions], [sessions]);
        expect(steps).toContainEqual({ app: 'demo.sessions', action: 'create_table', detail: 'app_demo__sessions__members' });
        expect(await ids(reopened, has('clients', 'c1'))).toEqual(['old']);
        await reopened.close();
    });
});
