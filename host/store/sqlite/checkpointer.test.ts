/**
 * A worker thread checkpoints the write-ahead log, not the store's own connection (whose
 * copy and fsync would run on the thread that serves requests). The log is still copied
 * back while the store writes, and folded back whole when it closes.
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
        // About 20 MB in 3 seconds, in small transactions as requests write them: below the
        // ~40 MB after which the store's own connection would checkpoint.
        for (let batch = 0; batch < 50; batch++) {
            await store.transaction(async () => {
                for (let i = 0; i < 40; i++) await store.insert(notes, row(`n${batch}-${i}`, body));
            });
            await new Promise((r) => setTimeout(r, 50));
        }
        const written = 50 * 40 * body.length;
        // Only the worker can have put rows in the file while the store was open.
        expect(sizeOf(file)).toBeGreaterThan(written / 3);
        await store.close();
        expect(sizeOf(wal)).toBe(0);
        const reopened = SqliteStore.open(dir);
        await reopened.migrate([notes], [notes]);
        expect(await reopened.count(notes, {})).toBe(2_000);
        await reopened.close();
    });
});
