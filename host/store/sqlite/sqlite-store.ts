/**
 * The embedded store: SQLite through better-sqlite3 in WAL mode. better-sqlite3 is
 * synchronous, so a transaction that awaits holds a queue (transaction-queue.ts): other
 * writers and readers wait until it commits, and nobody reads a half-written change.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { aggregateRow, aggregateSql } from '../aggregate-query';
import { isListField, type AggregateRow, type Aggregation, type AppTable, type MigrationStep, type Query, type Row, type Store } from '../store';
import { baseColumns, isJsonColumn, memberFields, membersTable, planAppMigration, quote, tableName } from './app-tables';
import { Checkpointer } from './checkpointer';
import { buildFilter, buildQuery, limitClause, type ColumnMap } from './query';
import { createSystemStore } from './system-store';
import { systemMigrations } from './system-migrations';
import { TransactionQueue } from './transaction-queue';

type Db = Database.Database;

/** The column map of each app table, worked out once (every query needs it). */
const columnMaps = new WeakMap<AppTable, ColumnMap>();

function appColumns(app: AppTable): ColumnMap {
    let columns = columnMaps.get(app);
    if (!columns) columnMaps.set(app, (columns = columnMap(app)));
    return columns;
}

function columnMap(app: AppTable): ColumnMap {
    const columns: ColumnMap = {};
    for (const name of Object.keys(baseColumns)) {
        columns[name] = { expr: quote(name), kind: 'scalar', text: name === '__name' };
    }
    for (const f of app.fields) {
        const list = isListField(f);
        const text = (f.type === 'STRING' || f.type === 'TEXT') && f.searchable !== false && !f.secret;
        columns[f.code] = {
            expr: quote(f.code), kind: list ? 'list' : f.type === 'BOOLEAN' ? 'boolean' : 'scalar', text,
            ...(list ? { members: { table: quote(membersTable(app.key)), field: f.code } } : {}),
        };
    }
    return columns;
}

/** How each field of an app is written to and read from its column, worked out once per app. */
type Conversion = 'json' | 'boolean' | 'plain';
const conversions = new WeakMap<AppTable, Map<string, Conversion>>();

function conversionsOf(app: AppTable): Map<string, Conversion> {
    let map = conversions.get(app);
    if (!map) {
        map = new Map();
        for (const name of Object.keys(baseColumns)) map.set(name, 'plain');
        for (const f of app.fields) map.set(f.code, isJsonColumn(f) ? 'json' : f.type === 'BOOLEAN' ? 'boolean' : 'plain');
        conversions.set(app, map);
    }
    return map;
}

function toSql(app: AppTable, row: Record<string, unknown>): Record<string, unknown> {
    const kinds = conversionsOf(app);
    const out: Record<string, unknown> = {};
    for (const key in row) {
        const value = row[key];
        if (value === undefined) continue;
        const kind = kinds.get(key);
        if (kind === 'json' && value !== null) out[key] = JSON.stringify(value);
        else if (kind === 'boolean' && typeof value === 'boolean') out[key] = value ? 1 : 0;
        else out[key] = value;
    }
    return out;
}

/** Turns a row read as an array (better-sqlite3's raw mode) into the item's values. */
type RowReader = (values: unknown[]) => Row;

/**
 * A reader for rows whose columns come in `names` order. Rows are read as arrays: building
 * an object per row with a key per column cost half the time of a one-row seek.
 */
function rowReader(app: AppTable, names: string[]): RowReader {
    const kinds = conversionsOf(app);
    const at = new Map(names.map((n, i) => [n, i]));
    const fields = [...Object.keys(baseColumns), ...app.fields.map((f) => f.code)].map((name) => ({ name, index: at.get(name) ?? -1, kind: kinds.get(name)! }));
    return (values) => {
        const row: Record<string, unknown> = {};
        for (const { name, index, kind } of fields) {
            const value = index < 0 ? undefined : values[index];
            if (value === null || value === undefined) row[name] = null;
            else if (kind === 'json') row[name] = JSON.parse(String(value));
            else if (kind === 'boolean') row[name] = value === 1;
            else row[name] = value;
        }
        return row as Row;
    };
}

/** How SQLite runs one query of an app table: for tests that keep hot queries index seeks. */
export interface QueryPlan {
    app: string;
    sql: string;
    /** EXPLAIN QUERY PLAN, one line per step, e.g. `SEARCH app_x USING INDEX ix (a=?)`. */
    steps: string[];
}

/** How many prepared statements are kept; SQL text differs only by app and the number of values in a list. */
const STATEMENT_CACHE_SIZE = 500;
/** Pages (4 KiB) of write-ahead log after which the store's own connection checkpoints after all. */
const SAFETY_CHECKPOINT_PAGES = 10_000;
/** How often the query planner's statistics are brought up to date as tables grow. */
const OPTIMIZE_EVERY_MS = 5 * 60_000;

export class SqliteStore implements Store {
    readonly system;
    private readonly queue: TransactionQueue;
    private readonly statements = new Map<string, Database.Statement>();
    /**
     * Runs a function in a savepoint (a transaction outside one). Made once: better-sqlite3
     * builds a wrapper per `db.transaction()` call, which cost more than the write it guarded.
     */
    private readonly together: (write: () => unknown) => unknown;
    /** Inserts and updates of each app by the columns they write (see `writeStatement`). */
    private written = new WeakMap<AppTable, Map<string, { names: string[]; statement: Database.Statement }[]>>();
    private readonly readers = new WeakMap<Database.Statement, RowReader>();
    private readonly optimizer: NodeJS.Timeout;
    private readonly planListeners = new Set<(plan: QueryPlan) => void>();

    private constructor(private readonly db: Db, private readonly checkpointer?: Checkpointer) {
        this.queue = new TransactionQueue(db);
        this.together = db.transaction((write: () => unknown) => write());
        this.system = createSystemStore(db, () => this.queue.settled(), (change) => this.queue.run(async () => change()));
        this.optimize(true);
        this.optimizer = setInterval(() => void Promise.resolve(this.queue.settled()).then(() => this.optimize(false)), OPTIMIZE_EVERY_MS).unref();
    }

    /**
     * Brings the planner's statistics up to date for tables that changed much (SQLite's
     * `PRAGMA optimize`, bounded work). Without them the planner cannot tell that a members
     * seek finds a handful of rows where an index on a state finds thousands.
     */
    optimize(all: boolean): void {
        this.db.pragma('analysis_limit = 1000');
        this.db.pragma(all ? 'optimize = 0x10002' : 'optimize');
        this.forgetStatements();
    }

    /** Opens (creating if needed) the database file `<dir>/host.sqlite`, or an in-memory one for `:memory:`. */
    static open(dir: string): SqliteStore {
        let file = ':memory:';
        if (dir !== ':memory:') {
            fs.mkdirSync(dir, { recursive: true });
            file = path.join(dir, 'host.sqlite');
        }
        const db = new Database(file);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        SqliteStore.migrateSystem(db);
        if (file === ':memory:') return new SqliteStore(db);
        // Checkpoints run on a worker thread (checkpointer.ts), not in this connection's commits;
        // only a log the worker let grow past ~40 MB (it never finished one under constant
        // writes) is checkpointed here, which then costs little: the worker copied most of it.
        db.pragma(`wal_autocheckpoint = ${SAFETY_CHECKPOINT_PAGES}`);
        return new SqliteStore(db, new Checkpointer(file));
    }

    private static migrateSystem(db: Db): void {
        db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
        const current = Number((db.prepare("SELECT value FROM meta WHERE key = 'system_version'").get() as { value: string } | undefined)?.value ?? 0);
        for (const m of systemMigrations.filter((x) => x.version > current)) {
            db.transaction(() => {
                db.exec(m.sql);
                db.prepare("INSERT INTO meta (key, value) VALUES ('system_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(m.version));
            })();
        }
    }

    /**
     * A prepared statement, compiled once per SQL text (compiling is a good part of a small
     * query's cost). When full, the oldest compiled goes: a hit costs one lookup, and a hot
     * statement pushed out is compiled again once.
     */
    private statement(sql: string): Database.Statement {
        let prepared = this.statements.get(sql);
        if (!prepared) {
            prepared = this.db.prepare(sql);
            if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!);
            this.statements.set(sql, prepared);
        }
        return prepared;
    }

    private forgetStatements(): void {
        this.statements.clear();
        this.written = new WeakMap();
    }

    /**
     * The statement of an insert or update of `names` into the app's table. Found by comparing
     * the column names with those of the app's recent writes (the same few lists each time)
     * rather than by building the SQL text and looking it up, which cost as much as the write.
     */
    private writeStatement(kind: 'insert' | 'update', app: AppTable, names: string[], sql: () => string): Database.Statement {
        let byKind = this.written.get(app);
        if (!byKind) this.written.set(app, (byKind = new Map()));
        let known = byKind.get(kind);
        if (!known) byKind.set(kind, (known = []));
        for (const entry of known) {
            if (entry.names.length !== names.length) continue;
            let same = true;
            for (let i = 0; i < names.length && same; i++) same = entry.names[i] === names[i];
            if (same) return entry.statement;
        }
        const statement = this.statement(sql());
        // The lists a script writes are few; a bound keeps odd ones from making the scan long.
        if (known.length >= 16) known.shift();
        known.push({ names, statement });
        return statement;
    }

    /** Keeps the members table of the item's multi-valued fields in step with `values` (only the fields present). */
    private writeMembers(app: AppTable, id: string, values: Record<string, unknown>, replacing: boolean): void {
        const table = quote(membersTable(app.key));
        for (const f of memberFields(app)) {
            if (!(f.code in values)) continue;
            if (replacing) this.statement(`DELETE FROM ${table} WHERE item = ? AND field = ?`).run(id, f.code);
            const list = values[f.code];
            if (!Array.isArray(list)) continue;
            const insert = this.statement(`INSERT OR IGNORE INTO ${table} (field, value, item) VALUES (?, ?, ?)`);
            for (const value of list) insert.run(f.code, String(value), id);
        }
    }

    /**
     * Reports the plan of every query of an app table from now on (for tests; costs an
     * EXPLAIN per query while anyone listens).
     * @returns a disposable that stops the reports.
     */
    onQueryPlan(listener: (plan: QueryPlan) => void): { dispose(): void } {
        this.planListeners.add(listener);
        return { dispose: () => this.planListeners.delete(listener) };
    }

    /** Runs an app-table query, telling plan listeners how SQLite runs it. */
    private query(app: AppTable, sql: string, params: unknown[]): Database.Statement {
        if (this.planListeners.size) {
            const steps = (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
            this.planListeners.forEach((listener) => listener({ app: app.key, sql, steps }));
        }
        return this.statement(sql);
    }

    private inspector() {
        return {
            columns: (table: string) => (this.db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name),
            indexes: (table: string) => (this.db.prepare(`PRAGMA index_list(${quote(table)})`).all() as { name: string }[]).map((c) => c.name),
        };
    }

    async planMigration(apps: AppTable[], previous: AppTable[]): Promise<MigrationStep[]> {
        return planAppMigration(apps, previous, this.inspector()).steps;
    }

    async migrate(apps: AppTable[], previous: AppTable[]): Promise<MigrationStep[]> {
        const plan = planAppMigration(apps, previous, this.inspector());
        await this.transaction(async () => {
            for (const statement of plan.sql) this.db.exec(statement);
        });
        this.forgetStatements();
        if (plan.sql.length) this.optimize(true);
        return plan.steps;
    }

    async dropApps(keys: string[]): Promise<void> {
        await this.transaction(async () => {
            for (const key of keys) {
                this.db.exec(`DROP TABLE IF EXISTS ${quote(tableName(key))}`);
                this.db.exec(`DROP TABLE IF EXISTS ${quote(membersTable(key))}`);
            }
        });
        this.forgetStatements();
    }

    async insert(app: AppTable, row: Row): Promise<void> {
        const wait = this.queue.settled();
        if (wait) await wait;
        const values = toSql(app, row);
        const names = Object.keys(values);
        const params: unknown[] = [];
        for (const n of names) params.push(values[n]);
        this.atomically(app, row, () => {
            this.writeStatement('insert', app, names, () => `INSERT INTO ${quote(tableName(app.key))} (${names.map(quote).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...params);
            this.writeMembers(app, row.__id, row, false);
        });
    }

    /**
     * Runs a write of `values` as one unit. A row alone is one statement, atomic by itself;
     * a row with members-table rows takes a savepoint, so a failure leaves neither.
     */
    private atomically<T>(app: AppTable, values: Record<string, unknown>, write: () => T): T {
        return memberFields(app).some((f) => f.code in values) ? (this.together(write) as T) : write();
    }

    async update(app: AppTable, id: string, patch: Record<string, unknown>): Promise<boolean> {
        await this.queue.settled();
        const values = toSql(app, patch);
        const names = Object.keys(values).filter((n) => n !== '__id');
        if (names.length === 0) return Boolean(await this.get(app, id));
        return this.atomically(app, patch, () => {
            const result = this.statement(`UPDATE ${quote(tableName(app.key))} SET ${names.map((n) => `${quote(n)} = ?`).join(', ')} WHERE "__id" = ?`).run(...names.map((n) => values[n]), id);
            if (result.changes > 0) this.writeMembers(app, id, patch, true);
            return result.changes > 0;
        });
    }

    async updateLive(app: AppTable, id: string, patch: Record<string, unknown>): Promise<Row | undefined> {
        const wait = this.queue.settled();
        if (wait) await wait;
        const values = toSql(app, patch);
        const names = Object.keys(values).filter((n) => n !== '__id');
        if (names.length === 0) {
            const row = await this.get(app, id);
            return row && row.__deletedAt === null ? row : undefined;
        }
        return this.atomically(app, patch, () => {
            const statement = this.writeStatement('update', app, names, () => `UPDATE ${quote(tableName(app.key))} SET ${names.map((n) => `${quote(n)} = ?`).join(', ')} WHERE "__id" = ? AND "__deletedAt" IS NULL RETURNING *`);
            const read = this.reader(app, statement);
            const params: unknown[] = [];
            for (const n of names) params.push(values[n]);
            params.push(id);
            const raw = statement.get(...params) as unknown[] | undefined;
            if (raw) this.writeMembers(app, id, patch, true);
            return raw ? read(raw) : undefined;
        });
    }

    async get(app: AppTable, id: string): Promise<Row | undefined> {
        const wait = this.queue.settled();
        if (wait) await wait;
        const statement = this.statement(`SELECT * FROM ${quote(tableName(app.key))} WHERE "__id" = ?`);
        const read = this.reader(app, statement);
        const raw = statement.get(id) as unknown[] | undefined;
        return raw ? read(raw) : undefined;
    }

    async find(app: AppTable, query: Query): Promise<Row[]> {
        const wait = this.queue.settled();
        if (wait) await wait;
        const q = buildQuery(appColumns(app), query, '"__deletedAt"');
        const params = [...q.params, ...q.limitParams];
        const statement = this.query(app, `SELECT * FROM ${quote(tableName(app.key))} WHERE ${q.where} ${q.order} ${q.limit}`, params);
        const read = this.reader(app, statement);
        // A one-row search (`first()`, a seek by key) reads its row alone, without a list around it.
        if (query.size === 1) {
            const raw = statement.get(...params) as unknown[] | undefined;
            return raw ? [read(raw)] : [];
        }
        return (statement.all(...params) as unknown[][]).map(read);
    }

    /** Switches a cached `SELECT *` statement to arrays, with the reader for its columns. */
    private reader(app: AppTable, statement: Database.Statement): RowReader {
        let read = this.readers.get(statement);
        if (!read) {
            read = rowReader(app, statement.columns().map((c) => c.name));
            statement.raw(true);
            this.readers.set(statement, read);
        }
        return read;
    }

    async count(app: AppTable, query: Query): Promise<number> {
        await this.queue.settled();
        const columns = appColumns(app);
        const where = query.where ? buildFilter(columns, query.where) : { sql: '1', params: [] };
        const deleted = query.withDeleted ? '' : '"__deletedAt" IS NULL AND ';
        const row = this.query(app, `SELECT COUNT(*) AS n FROM ${quote(tableName(app.key))} WHERE ${deleted}${where.sql}`, where.params).get(...where.params) as { n: number };
        return row.n;
    }

    async aggregate(app: AppTable, query: Query, aggregation: Aggregation, limit: number): Promise<AggregateRow[]> {
        await this.queue.settled();
        const columns = appColumns(app);
        const where = query.where ? buildFilter(columns, query.where) : { sql: '1', params: [] };
        const deleted = query.withDeleted ? '' : '"__deletedAt" IS NULL AND ';
        // TOTAL: a float sum that is 0, not NULL, over no rows.
        const { select, group } = aggregateSql(aggregation, (field) => columns[field]?.expr ?? quote(field), (column) => `TOTAL(${column})`);
        const raw = this.query(app, `SELECT ${select} FROM ${quote(tableName(app.key))} WHERE ${deleted}${where.sql} ${group} ${limitClause(limit)}`, where.params)
            .raw(true).all(...where.params) as unknown[][];
        return raw.map(aggregateRow(aggregation));
    }

    afterCommit(then: () => void): void {
        this.queue.afterCommit(then);
    }

    transactionScope(): object | undefined {
        return this.queue.scope();
    }

    transaction<T>(work: () => Promise<T>): Promise<T> {
        return this.queue.run(work);
    }

    async close(): Promise<void> {
        await this.queue.settled();
        clearInterval(this.optimizer);
        this.optimize(false);
        this.db.close();
        await this.checkpointer?.close();
    }
}
