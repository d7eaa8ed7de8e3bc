/**
 * The store of a host that runs as several instances: PostgreSQL through `pg`. App tables
 * have the same shape as in SQLite (a typed column per scalar field, JSONB for the rest, the
 * members table indexing multi-valued fields), so the same queries are index seeks here too.
 * Transactions commit in groups (pg-transactions.ts).
 */
import pg from 'pg';
import { aggregateRow, aggregateSql } from '../aggregate-query';
import { isListField, type AggregateRow, type Aggregation, type AppTable, type MigrationStep, type Query, type Row, type Store } from '../store';
import { isJsonColumn, memberFields, membersTable, planAppMigration, quote, tableName, type TableInspector } from '../sqlite/app-tables';
import { buildFilter, buildQuery, type ColumnMap } from '../sqlite/query';
import { numbered, pgBaseColumns, pgDdl, pgFilter } from './pg-dialect';
import { pgSystemMigrations } from './pg-migrations';
import { createPgSystemStore } from './pg-system-store';
import { PgTransactions } from './pg-transactions';

/** BIGINT (milliseconds, counts) and NUMERIC (sums) as numbers: every value the host keeps fits a double. */
const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 || oid === 1700
        ? (value: string) => Number(value)
        : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

/** The lock that keeps two instances from migrating the host's tables at once. */
const MIGRATION_LOCK = 0x6272_6979;

const columnMaps = new WeakMap<AppTable, ColumnMap>();

function appColumns(app: AppTable): ColumnMap {
    let columns = columnMaps.get(app);
    if (!columns) {
        columns = {};
        for (const name of Object.keys(pgBaseColumns)) columns[name] = { expr: quote(name), kind: 'scalar', text: name === '__name' };
        for (const f of app.fields) {
            const list = isListField(f);
            const text = (f.type === 'STRING' || f.type === 'TEXT') && f.searchable !== false && !f.secret;
            columns[f.code] = {
                expr: quote(f.code), kind: list ? 'list' : f.type === 'BOOLEAN' ? 'boolean' : 'scalar', text,
                ...(list ? { members: { table: quote(membersTable(app.key)), field: f.code } } : {}),
            };
        }
        columnMaps.set(app, columns);
    }
    return columns;
}

function toSql(app: AppTable, row: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
        if (value === undefined) continue;
        const field = app.fields.find((f) => f.code === key);
        out[key] = field && value !== null && isJsonColumn(field) ? JSON.stringify(value) : value;
    }
    return out;
}

function fromSql(app: AppTable, raw: Record<string, unknown>): Row {
    const row: Record<string, unknown> = {};
    for (const name of Object.keys(pgBaseColumns)) row[name] = raw[name] ?? null;
    for (const f of app.fields) row[f.code] = raw[f.code] ?? null;
    return row as Row;
}

export class PgStore implements Store {
    readonly system;
    private readonly tx: PgTransactions;

    private constructor(private readonly pool: pg.Pool) {
        this.tx = new PgTransactions(pool);
        this.system = createPgSystemStore(this.tx);
    }

    /** Connects to `postgres://…` and brings the host's own tables up to date. */
    static async open(url: string, options: { max?: number } = {}): Promise<PgStore> {
        const pool = new pg.Pool({ connectionString: url, types, max: options.max ?? 10 });
        // An idle connection that dies (the server restarted) is dropped by the pool, not thrown at the process.
        pool.on('error', () => undefined);
        await PgStore.migrateSystem(pool);
        return new PgStore(pool);
    }

    private static async migrateSystem(pool: pg.Pool): Promise<void> {
        const client = await pool.connect();
        try {
            await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
            await client.query('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
            const current = Number((await client.query("SELECT value FROM meta WHERE key = 'system_version'")).rows[0]?.value ?? 0);
            for (const m of pgSystemMigrations.filter((x) => x.version > current)) {
                await client.query('BEGIN');
                try {
                    await client.query(m.sql);
                    await client.query("INSERT INTO meta (key, value) VALUES ('system_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(m.version)]);
                    await client.query('COMMIT');
                } catch (error) {
                    await client.query('ROLLBACK');
                    throw error;
                }
            }
        } finally {
            await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
            client.release();
        }
    }

    /** The connection string's pool, for the realtime bus and tests. */
    get connection(): pg.Pool {
        return this.pool;
    }

    private async rows(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
        return (await this.tx.query(numbered(sql), params)).rows as Record<string, unknown>[];
    }

    /** Columns and indexes of every table, read once per migration (the planner asks synchronously). */
    private async inspector(): Promise<TableInspector> {
        const columns = await this.rows('SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()', []);
        const indexes = await this.rows('SELECT tablename, indexname FROM pg_indexes WHERE schemaname = current_schema()', []);
        return {
            columns: (table) => columns.filter((c) => c.table_name === table).map((c) => String(c.column_name)),
            indexes: (table) => indexes.filter((i) => i.tablename === table).map((i) => String(i.indexname)),
        };
    }

    async planMigration(apps: AppTable[], previous: AppTable[]): Promise<MigrationStep[]> {
        return planAppMigration(apps, previous, await this.inspector(), pgDdl).steps;
    }

    async migrate(apps: AppTable[], previous: AppTable[]): Promise<MigrationStep[]> {
        return this.transaction(async () => {
            const plan = planAppMigration(apps, previous, await this.inspector(), pgDdl);
            for (const statement of plan.sql) await this.tx.query(statement);
            if (plan.sql.length) this.tx.forgetStatements();
            return plan.steps;
        });
    }

    async dropApps(keys: string[]): Promise<void> {
        await this.transaction(async () => {
            for (const key of keys) {
                await this.tx.query(`DROP TABLE IF EXISTS ${quote(tableName(key))}`);
                await this.tx.query(`DROP TABLE IF EXISTS ${quote(membersTable(key))}`);
            }
            this.tx.forgetStatements();
        });
    }

    /** Writes the members-table rows of the multi-valued fields present in `values`, in one statement per field. */
    private async writeMembers(run: (sql: string, params?: unknown[]) => Promise<unknown>, app: AppTable, id: string, values: Record<string, unknown>, replacing: boolean): Promise<void> {
        const table = quote(membersTable(app.key));
        const fields = memberFields(app).filter((f) => f.code in values);
        if (replacing && fields.length) await run(`DELETE FROM ${table} WHERE item = $1 AND field = ANY($2::text[])`, [id, fields.map((f) => f.code)]);
        for (const f of fields) {
            const list = values[f.code];
            if (!Array.isArray(list) || list.length === 0) continue;
            await run(`INSERT INTO ${table} (field, value, item) SELECT $1, v, $3 FROM unnest($2::text[]) v ON CONFLICT DO NOTHING`, [f.code, list.map(String), id]);
        }
    }

    async insert(app: AppTable, row: Row): Promise<void> {
        const values = toSql(app, row);
        const names = Object.keys(values);
        await this.tx.guarded(async (run) => {
            await run(`INSERT INTO ${quote(tableName(app.key))} (${names.map(quote).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, names.map((n) => values[n]));
            await this.writeMembers(run, app, row.__id, row, false);
        });
    }

    async update(app: AppTable, id: string, patch: Record<string, unknown>): Promise<boolean> {
        const values = toSql(app, patch);
        const names = Object.keys(values).filter((n) => n !== '__id');
        if (names.length === 0) return Boolean(await this.get(app, id));
        return this.tx.guarded(async (run) => {
            const result = await run(`UPDATE ${quote(tableName(app.key))} SET ${names.map((n, i) => `${quote(n)} = $${i + 1}`).join(', ')} WHERE "__id" = $${names.length + 1}`,
                [...names.map((n) => values[n]), id]);
            const changed = (result.rowCount ?? 0) > 0;
            if (changed) await this.writeMembers(run, app, id, patch, true);
            return changed;
        });
    }

    async updateLive(app: AppTable, id: string, patch: Record<string, unknown>): Promise<Row | undefined> {
        const values = toSql(app, patch);
        const names = Object.keys(values).filter((n) => n !== '__id');
        if (names.length === 0) {
            const row = await this.get(app, id);
            return row && row.__deletedAt === null ? row : undefined;
        }
        return this.tx.guarded(async (run) => {
            const result = await run(`UPDATE ${quote(tableName(app.key))} SET ${names.map((n, i) => `${quote(n)} = $${i + 1}`).join(', ')} WHERE "__id" = $${names.length + 1} AND "__deletedAt" IS NULL RETURNING *`,
                [...names.map((n) => values[n]), id]);
            const raw = result.rows[0] as Record<string, unknown> | undefined;
            if (raw) await this.writeMembers(run, app, id, patch, true);
            return raw ? fromSql(app, raw) : undefined;
        });
    }

    async get(app: AppTable, id: string): Promise<Row | undefined> {
        const [raw] = await this.rows(`SELECT * FROM ${quote(tableName(app.key))} WHERE "__id" = ?`, [id]);
        return raw ? fromSql(app, raw) : undefined;
    }

    async find(app: AppTable, query: Query): Promise<Row[]> {
        const q = buildQuery(appColumns(app), query, '"__deletedAt"', pgFilter);
        const raw = await this.rows(`SELECT * FROM ${quote(tableName(app.key))} WHERE ${q.where} ${q.order} ${q.limit}`, [...q.params, ...q.limitParams]);
        return raw.map((r) => fromSql(app, r));
    }

    private where(app: AppTable, query: Query): { sql: string; params: unknown[] } {
        const where = query.where ? buildFilter(appColumns(app), query.where, pgFilter) : { sql: 'TRUE', params: [] };
        return { sql: `${query.withDeleted ? '' : '"__deletedAt" IS NULL AND '}${where.sql}`, params: where.params };
    }

    async count(app: AppTable, query: Query): Promise<number> {
        const where = this.where(app, query);
        const [row] = await this.rows(`SELECT COUNT(*) AS n FROM ${quote(tableName(app.key))} WHERE ${where.sql}`, where.params);
        return Number(row.n);
    }

    async aggregate(app: AppTable, query: Query, aggregation: Aggregation, limit: number): Promise<AggregateRow[]> {
        const columns = appColumns(app);
        const where = this.where(app, query);
        // As SQLite's TOTAL: a float sum that is 0, not NULL, over no rows.
        const { select, group } = aggregateSql(aggregation, (field) => columns[field]?.expr ?? quote(field), (column) => `COALESCE(SUM(${column}), 0)::float8`);
        const raw = await this.rows(`SELECT ${select} FROM ${quote(tableName(app.key))} WHERE ${where.sql} ${group} LIMIT ?`, [...where.params, limit]);
        // Columns come in the order they are selected, which is the order aggregateRow reads.
        return raw.map((r) => Object.values(r)).map(aggregateRow(aggregation));
    }

    afterCommit(then: () => void): void {
        this.tx.afterCommit(then);
    }

    transactionScope(): object | undefined {
        return this.tx.scope();
    }

    transaction<T>(work: () => Promise<T>): Promise<T> {
        return this.tx.run(work);
    }

    async close(): Promise<void> {
        await this.tx.settled();
        await this.pool.end();
    }
}
