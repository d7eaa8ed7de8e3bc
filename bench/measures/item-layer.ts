/**
 * The host's item layer against raw better-sqlite3 on the same data, measured in the same
 * run, as ratios (host time / raw time) with their targets.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppItems } from '../../host/runtime/app-items';
import type { AppManifest } from '../../host/manifest/schema';
import { SqliteStore } from '../../host/store/sqlite/sqlite-store';
import type { Figure } from '../result';

const WRITES = 3000;
const ROWS = 20_000;
const QUERIES = 300;
const words = ['refund', 'delivery', 'invoice', 'password', 'upgrade', 'outage', 'billing', 'login'];

const app: AppManifest = {
    code: 'tickets', name: 'Tickets', fields: [
        { code: 'body', name: 'Body', type: 'TEXT', required: false, multiple: false, list: false },
        { code: 'state', name: 'State', type: 'ENUM', required: false, multiple: false, list: false, options: [{ code: 'open', name: 'Open' }, { code: 'closed', name: 'Closed' }] },
        { code: 'score', name: 'Score', type: 'INTEGER', required: false, multiple: false, list: false },
    ],
    indexes: [{ fields: ['state'], unique: false, sparse: false }], permissions: { read: [], create: [], update: [], delete: [], export: [] }, showDeleted: false,
};

function time(fn: () => void): number {
    const start = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
}

async function timeAsync(fn: () => Promise<void>): Promise<number> {
    const start = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - start) / 1e6;
}

const text = (i: number) => `${words[i % words.length]} question number ${i} about ${words[(i * 7) % words.length]}`;

export async function measureItemLayer(): Promise<Figure[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brix-bench-'));
    const store = SqliteStore.open(path.join(dir, 'host'));
    const table = { key: 'bench.tickets', fields: app.fields, indexes: app.indexes };
    await store.migrate([table], []);
    const items = new AppItems(store);
    items.register({ extensionId: 'bench', namespace: 'bench', manifest: app, table, handled: [] });

    const raw = new Database(path.join(dir, 'raw.sqlite'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec('CREATE TABLE t (id TEXT PRIMARY KEY, name TEXT, created INTEGER, body TEXT, state TEXT, score INTEGER); CREATE INDEX ix_state ON t(state); CREATE INDEX ix_created ON t(created)');
    const insert = raw.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)');

    const rawWrite = time(() => {
        for (let i = 0; i < WRITES; i++) insert.run(`r${i}`, `Ticket ${i}`, Date.now(), text(i), i % 3 ? 'open' : 'closed', i);
    });
    const rssBefore = process.memoryUsage().rss;
    const hostWrite = await timeAsync(async () => {
        for (let i = 0; i < WRITES; i++) await items.create('bench.tickets', { __name: `Ticket ${i}`, body: text(i), state: i % 3 ? 'open' : 'closed', score: i }, null);
    });
    const rssAfter = process.memoryUsage().rss;

    raw.transaction(() => {
        for (let i = WRITES; i < ROWS; i++) insert.run(`r${i}`, `Ticket ${i}`, Date.now(), text(i), i % 3 ? 'open' : 'closed', i);
    })();
    await store.transaction(async () => {
        for (let i = WRITES; i < ROWS; i++) {
            await store.insert(table, { __id: `h${i}`, __name: `Ticket ${i}`, __createdAt: Date.now(), __createdBy: null, __updatedAt: Date.now(), __updatedBy: null, __deletedAt: null, __status: null, body: text(i), state: i % 3 ? 'open' : 'closed', score: i });
        }
    });

    const search = raw.prepare("SELECT * FROM t WHERE state = ? AND (name LIKE ? OR body LIKE ?) ORDER BY created DESC LIMIT 20");
    const rawRead = time(() => {
        for (let q = 0; q < QUERIES; q++) search.all('open', `%${words[q % words.length]}%`, `%${words[q % words.length]}%`);
    });
    const hostRead = await timeAsync(async () => {
        for (let q = 0; q < QUERIES; q++) {
            await items.find('bench.tickets', {
                where: { kind: 'and', items: [{ kind: 'cmp', field: 'state', op: 'eq', value: 'open' }, { kind: 'fts', text: words[q % words.length] }] },
                sort: [{ field: '__createdAt', asc: false }], size: 20,
            });
        }
    });

    const figures: Figure[] = [
        { part: 'item layer', measure: `create ${WRITES} items, host / raw time`, value: hostWrite / rawWrite, unit: '×', target: { op: '<=', value: 25 } },
        { part: 'item layer', measure: `${QUERIES} free-text searches over ${ROWS} rows, host / raw`, value: hostRead / rawRead, unit: '×', target: { op: '<=', value: 3 } },
        { part: 'item layer', measure: `resident set growth creating ${WRITES} items`, value: (rssAfter - rssBefore) / 1048576, unit: 'MiB' },
    ];
    await store.close();
    raw.close();
    fs.rmSync(dir, { recursive: true, force: true });
    return figures;
}
