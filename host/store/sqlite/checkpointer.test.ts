/**
 * The store's own connection never checkpoints the write-ahead log (that copy and its fsync
 * would run on the thread that serves requests); a worker thread does. These tests hold
 * that the log still stays small under steady writes and is folded back on close.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppTable } from '../store';
import { SqliteStore } from './sqlite-store';

const notes: AppTable = {
    key: 'demo.notes',
    fields: [{ code: 'body', name: 'Body', type: 'TEXT', required: false, multiple: false, list: false }],
    indexes: [],
};

const row = (id: string, body: string) => ({
    __id: id, __name: id, __createdAt: 1, __createdBy: null, __updatedAt: 1, __updatedBy: null, __deletedAt: null, __status: null, body,
});

const sizeOf = (file: string) => (fs.existsSync(file) ? fs.statSync(file).size : 0);

describe('WAL checkpoints on a worker thread', () => {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brix-wal-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('copies the log into the database while the store writes, and empties it on close', async () => {
        const store = SqliteStore.open(dir);
        await store.migrate([notes], []);
        const file = path.join(dir, 'host.sqlite');
        const wal = `${file}-wal`;
        const body = 'x'.repeat(10_000);
        // About 32 MB in 4 seconds, in small transactions as requests write them.
        for (let batch = 0; batch < 80; batch++) {
            await store.transaction(async () => {
                for (let i = 0; i < 40; i++) await store.insert(notes, row(`n${batch}-${i}`, body));
            });
            await new Promise((r) => setTimeout(r, 50));
        }
        const written = 80 * 40 * body.length;
        // The store's connection never checkpoints, so only the worker can have put rows in the file.
        expect(sizeOf(file)).toBeGreaterThan(written / 3);
        // And the log started over from its beginning instead of holding everything written.
        expect(sizeOf(wal)).toBeLessThan(written * 0.8);
        await store.close();
        expect(sizeOf(wal)).toBe(0);
        const reopened = SqliteStore.open(dir);
        await reopened.migrate([notes], [notes]);
        expect(await reopened.count(notes, {})).toBe(3_200);
        await reopened.close();
    });
});
