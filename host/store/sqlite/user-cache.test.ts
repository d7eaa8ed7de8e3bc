/**
 * Users are read on every request, reference and push. Under load a write transaction is
 * almost always open, so the user cache must serve reads then too, and still never keep a
 * row past a change to it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from './sqlite-store';

const user = (id: string) => ({ id, login: id, passwordHash: 'x', fullname: id.toUpperCase(), email: null, timezone: 'UTC', status: 'active' as const });

/** Counts statements reading the users table, by patching better-sqlite3's statement methods. */
function countUserReads(): { count: () => number; restore: () => void } {
    const proto = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
    let n = 0;
    const original = { get: proto.get, all: proto.all };
    for (const m of ['get', 'all'] as const) {
        proto[m] = function (this: { source: string }, ...args: unknown[]) {
            if (/FROM (users|group_members) WHERE/.test(this.source)) n++;
            return original[m].apply(this, args);
        };
    }
    return { count: () => n, restore: () => Object.assign(proto, original) };
}

describe('the user cache', () => {
    let dir: string;
    let store: SqliteStore;
    beforeEach(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brix-users-'));
        store = SqliteStore.open(dir);
        await store.system.users.create(user('u1'));
        await store.system.users.setGroups('u1', ['staff']);
    });
    afterEach(async () => {
        await store.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it('serves repeated reads from memory while a write transaction is open', async () => {
        const reads = countUserReads();
        try {
            await store.transaction(async () => {
                expect((await store.system.users.get('u1'))?.groups).toEqual(['staff']);
                expect((await store.system.users.get('u1'))?.fullname).toBe('U1');
                expect((await store.system.users.get('u1'))?.fullname).toBe('U1');
            });
            // One row and its groups, once.
            expect(reads.count()).toBeLessThanOrEqual(2);
        } finally {
            reads.restore();
        }
    });

    it('forgets a user when it changes, even if it was read inside a transaction', async () => {
        await store.transaction(async () => {
            expect((await store.system.users.get('u1'))?.status).toBe('active');
        });
        await store.system.users.setStatus('u1', 'blocked');
        expect((await store.system.users.get('u1'))?.status).toBe('blocked');
        await store.system.users.setGroups('u1', ['staff', 'supervisors']);
        expect((await store.system.users.get('u1'))?.groups).toEqual(['staff', 'supervisors']);
        expect(await store.system.groups.members('supervisors')).toEqual(['u1']);
    });

    it('writes a user in a transaction of its own, not in one that rolls back', async () => {
        const failing = store.transaction(async () => {
            await new Promise((r) => setTimeout(r, 20));
            throw new Error('rolled back');
        });
        const created = store.system.users.create(user('u2'));
        await expect(failing).rejects.toThrow('rolled back');
        await created;
        expect((await store.system.users.get('u2'))?.login).toBe('u2');
    });
});
