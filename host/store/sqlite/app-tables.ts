/**
 * App tables in SQLite: one table per app, a real typed column per scalar field, JSON text
 * for the rest. Migrations add tables, columns and indexes; they never drop data.
 */
import type { FieldManifest, FieldType } from '../../manifest/schema';
import { HostError } from '../../errors';
import { isListField, type AppTable, type MigrationStep } from '../store';

export const baseColumns: Record<string, string> = {
    __id: 'TEXT PRIMARY KEY',
    __name: 'TEXT',
    __createdAt: 'INTEGER NOT NULL',
    __createdBy: 'TEXT',
    __updatedAt: 'INTEGER NOT NULL',
    __updatedBy: 'TEXT',
    __deletedAt: 'INTEGER',
    __status: 'TEXT',
};

const scalarColumn: Partial<Record<FieldType, string>> = {
    STRING: 'TEXT', TEXT: 'TEXT', INTEGER: 'INTEGER', FLOAT: 'REAL', BOOLEAN: 'INTEGER',
    DATETIME: 'INTEGER', DATE: 'TEXT', DURATION: 'INTEGER', ENUM: 'TEXT', SYS_USER: 'TEXT',
    SYS_COLLECTION: 'TEXT',
};

/** The SQL column type of a field; JSON text for lists and complex values. */
export function columnType(field: Pick<FieldManifest, 'type' | 'multiple'>): string {
    if (isListField({ type: field.type, multiple: field.multiple })) return 'TEXT';
    return scalarColumn[field.type] ?? 'TEXT';
}

/** Whether values of the field are stored as JSON text. */
export function isJsonColumn(field: Pick<FieldManifest, 'type' | 'multiple'>): boolean {
    return isListField({ type: field.type, multiple: field.multiple }) || !(field.type in scalarColumn);
}

/** Remembers a name's SQL form: queries are built per call, and the names are few. */
function memo(compute: (name: string) => string): (name: string) => string {
    const known = new Map<string, string>();
    return (name) => {
        let done = known.get(name);
        if (done === undefined) {
            done = compute(name);
            // Names come from manifests; a bound keeps a caller making them up from growing this.
            if (known.size < 10_000) known.set(name, done);
        }
        return done;
    };
}

export const tableName = memo((appKey) => `app_${appKey.replace('.', '__')}`);

/**
 * The side table of an app's multi-valued fields (users, app links, enum values): one row
 * per (field, value, item), written with the item, so "items whose field holds X" is an
 * index seek instead of a scan of every row's JSON.
 */
export function membersTable(appKey: string): string {
    return `${tableName(appKey)}__members`;
}

/** Asked on every write: kept per app table (a table's fields never change; a new install makes a new one). */
const memberFieldsOf = new WeakMap<AppTable, FieldManifest[]>();

/** The fields of an app kept in its members table. */
export function memberFields(app: AppTable): FieldManifest[] {
    let fields = memberFieldsOf.get(app);
    if (!fields) memberFieldsOf.set(app, (fields = app.fields.filter((f) => isListField(f))));
    return fields;
}

export const quote = memo((identifier) => `"${identifier.replace(/"/g, '""')}"`);

/** Named after what it indexes, so an index whose definition changes is a new index (and the old one is dropped). */
function indexName(table: string, ix: AppTable['indexes'][number]): string {
    return `${ix.unique ? 'ux' : 'ix'}_${table}_${ix.fields.join('_')}${ix.sparse ? '__sparse' : ''}`;
}

/** The index's DDL; a sparse one leaves out rows with no value in any of its fields. */
function createIndex(name: string, table: string, ix: AppTable['indexes'][number]): string {
    const where = ix.sparse ? ` WHERE ${ix.fields.map((f) => `${quote(f)} IS NOT NULL`).join(' AND ')}` : '';
    return `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${quote(name)} ON ${quote(table)} (${ix.fields.map(quote).join(', ')})${where}`;
}

/** The DDL that differs between the stores. */
export interface DdlDialect {
    baseColumns: Record<string, string>;
    columnType(field: Pick<FieldManifest, 'type' | 'multiple'>): string;
    /** Creates the members table and its index by item. */
    createMembers(members: string): string[];
    /** Fills the members table from a field's JSON arrays already in the app table. */
    fillMembers(members: string, table: string, field: string): string;
    /** The name of an index as the database keeps it (PostgreSQL cuts names at 63 bytes). */
    indexName(name: string): string;
    /** Whether an index of the table is one the planner made (not its primary key's). */
    isAppIndex(name: string, table: string): boolean;
}

export const sqliteDdl: DdlDialect = {
    baseColumns,
    columnType,
    createMembers: (members) => [
        `CREATE TABLE ${quote(members)} (field TEXT NOT NULL, value TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (field, value, item)) WITHOUT ROWID`,
        `CREATE INDEX ${quote(`ix_${members}_item`)} ON ${quote(members)} (item, field)`,
    ],
    fillMembers: (members, table, field) =>
        `INSERT OR IGNORE INTO ${quote(members)} (field, value, item) SELECT '${field}', j.value, t."__id" FROM ${quote(table)} t, json_each(t.${quote(field)}) j WHERE t.${quote(field)} IS NOT NULL`,
    indexName: (name) => name,
    isAppIndex: (name, table) => name.startsWith(`ix_${table}_`) || name.startsWith(`ux_${table}_`),
};

/** The state of the database the planner compares against. */
export interface TableInspector {
    columns(table: string): string[];
    indexes(table: string): string[];
}

/**
 * Creates the members table of an app that has multi-valued fields, and fills it from the
 * rows already there (an upgrade from a host without it).
 */
function planMembers(app: AppTable, newTable: boolean, db: TableInspector, sql: string[], steps: MigrationStep[], ddl: DdlDialect): void {
    const fields = memberFields(app);
    const members = membersTable(app.key);
    if (fields.length === 0 || db.columns(members).length > 0) return;
    sql.push(...ddl.createMembers(members));
    steps.push({ app: app.key, action: 'create_table', detail: members });
    if (newTable) return;
    for (const f of fields.filter((x) => db.columns(tableName(app.key)).includes(x.code))) {
        sql.push(ddl.fillMembers(members, tableName(app.key), f.code));
    }
}

/** Works out the DDL that takes the tables from `previous` to `apps`, refusing changes that lose data. */
export function planAppMigration(apps: AppTable[], previous: AppTable[], db: TableInspector, ddl: DdlDialect = sqliteDdl): { steps: MigrationStep[]; sql: string[] } {
    const steps: MigrationStep[] = [];
    const sql: string[] = [];
    for (const app of apps) {
        const table = tableName(app.key);
        const existing = db.columns(table);
        const before = previous.find((p) => p.key === app.key);
        if (existing.length === 0) {
            const cols = [
                ...Object.entries(ddl.baseColumns).map(([c, t]) => `${quote(c)} ${t}`),
                ...app.fields.map((f) => `${quote(f.code)} ${ddl.columnType(f)}`),
            ];
            sql.push(`CREATE TABLE ${quote(table)} (${cols.join(', ')})`);
            sql.push(`CREATE INDEX ${quote(ddl.indexName(`ix_${table}___createdAt`))} ON ${quote(table)} ("__createdAt")`);
            steps.push({ app: app.key, action: 'create_table', detail: table });
        } else {
            for (const field of app.fields) {
                const old = before?.fields.find((f) => f.code === field.code);
                if (old && ddl.columnType(old) !== ddl.columnType(field)) {
                    throw new HostError('INCOMPATIBLE_CHANGE', `Field ${app.key}.${field.code} changes from ${old.type} to ${field.type}, which would lose data`, { app: app.key, field: field.code });
                }
                if (!existing.includes(field.code)) {
                    sql.push(`ALTER TABLE ${quote(table)} ADD COLUMN ${quote(field.code)} ${ddl.columnType(field)}`);
                    steps.push({ app: app.key, action: 'add_column', detail: field.code });
                }
            }
        }
        planMembers(app, existing.length === 0, db, sql, steps, ddl);
        const wanted = new Map(app.indexes.map((ix) => [ddl.indexName(indexName(table, ix)), ix]));
        const present = existing.length === 0 ? [] : db.indexes(table).filter((n) => ddl.isAppIndex(n, table));
        for (const [name, ix] of wanted) {
            if (present.includes(name)) continue;
            sql.push(createIndex(name, table, ix));
            steps.push({ app: app.key, action: 'create_index', detail: name });
        }
        for (const name of present) {
            if (!wanted.has(name) && name !== ddl.indexName(`ix_${table}___createdAt`)) {
                sql.push(`DROP INDEX ${quote(name)}`);
                steps.push({ app: app.key, action: 'drop_index', detail: name });
            }
        }
    }
    return { steps, sql };
}
