/**
 * Writes store-form rows (as `Store.insert` takes them) straight into the host's SQLite
 * file through a second connection, in big transactions: `Store.insert` costs ~25 µs a row
 * (a queued, checked write), so a million sessions with their clients and messages would take
 * minutes; prepared inserts take a few. It follows the SQLite store's layout (one table per
 * app, JSON for complex and multi-valued fields, a members table for multi-valued
 * references) through the store's own naming functions; the host must be idle meanwhile.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { isJsonColumn, memberFields, membersTable, quote, tableName } from '../host/store/sqlite/app-tables';
import type { AppTable, Row } from '../host/store/store';

export interface SeedWriter {
    insert(app: AppTable, row: Row): void;
    /** Runs `work` in one transaction. */
    batch(work: () => void): void;
    close(): void;
}

export function openSeedWriter(dataDir: string): SeedWriter {
    const db = new Database(path.join(dataDir, 'host.sqlite'));
    db.pragma('busy_timeout = 5000');
    // Random ids land all over every index: a big page cache keeps the inserts off the disk.
    db.pragma('cache_size = -524288');
    db.pragma('synchronous = OFF');
    const statements = new Map<string, Database.Statement>();
    const prepared = (sql: string) => {
        let s = statements.get(sql);
        if (!s) statements.set(sql, (s = db.prepare(sql)));
        return s;
    };
    return {
        insert(app, row) {
            const names = Object.keys(row).filter((k) => row[k] !== undefined);
            const values = names.map((k) => {
                const field = app.fields.find((f) => f.code === k);
                const v = row[k];
                if (field && v !== null && isJsonColumn(field)) return JSON.stringify(v);
                return typeof v === 'boolean' ? Number(v) : v;
            });
            prepared(`INSERT INTO ${quote(tableName(app.key))} (${names.map(quote).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...values);
            for (const f of memberFields(app)) {
                const list = row[f.code];
                if (!Array.isArray(list)) continue;
                const member = prepared(`INSERT OR IGNORE INTO ${quote(membersTable(app.key))} (field, value, item) VALUES (?, ?, ?)`);
                for (const v of list) member.run(f.code, String(v), row.__id);
            }
        },
        batch: (work) => db.transaction(work)(),
        close: () => db.close(),
    };
}
