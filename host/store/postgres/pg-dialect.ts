/**
 * PostgreSQL's side of the SQL the two stores share: column types, the members table, the
 * filter dialect, and `?` placeholders numbered as `$1, $2, …`.
 */
import { createHash } from 'node:crypto';
import type { FieldManifest, FieldType } from '../../manifest/schema';
import { isListField } from '../store';
import { quote, type DdlDialect } from '../sqlite/app-tables';
import type { FilterDialect } from '../sqlite/query';

export const pgBaseColumns: Record<string, string> = {
    __id: 'TEXT PRIMARY KEY',
    __name: 'TEXT',
    __createdAt: 'BIGINT NOT NULL',
    __createdBy: 'TEXT',
    __updatedAt: 'BIGINT NOT NULL',
    __updatedBy: 'TEXT',
    __deletedAt: 'BIGINT',
    __status: 'TEXT',
};

const scalarColumn: Partial<Record<FieldType, string>> = {
    STRING: 'TEXT', TEXT: 'TEXT', INTEGER: 'BIGINT', FLOAT: 'DOUBLE PRECISION', BOOLEAN: 'BOOLEAN',
    DATETIME: 'BIGINT', DATE: 'TEXT', DURATION: 'BIGINT', ENUM: 'TEXT', SYS_USER: 'TEXT',
    SYS_COLLECTION: 'TEXT',
};

function pgColumnType(field: Pick<FieldManifest, 'type' | 'multiple'>): string {
    if (isListField({ type: field.type, multiple: field.multiple })) return 'JSONB';
    return scalarColumn[field.type] ?? 'JSONB';
}

/** PostgreSQL keeps 63 bytes of a name: a longer one is shortened the same way every time. */
export function pgName(name: string): string {
    if (Buffer.byteLength(name) <= 63) return name;
    return `${name.slice(0, 50)}_${createHash('sha1').update(name).digest('hex').slice(0, 12)}`;
}

export const pgDdl: DdlDialect = {
    baseColumns: pgBaseColumns,
    columnType: pgColumnType,
    createMembers: (members) => [
        `CREATE TABLE ${quote(members)} (field TEXT NOT NULL, value TEXT NOT NULL, item TEXT NOT NULL, PRIMARY KEY (field, value, item))`,
        `CREATE INDEX ${quote(pgName(`ix_${members}_item`))} ON ${quote(members)} (item, field)`,
    ],
    fillMembers: (members, table, field) =>
        `INSERT INTO ${quote(members)} (field, value, item) SELECT '${field}', j.value, t."__id" FROM ${quote(table)} t, jsonb_array_elements_text(t.${quote(field)}) j(value) WHERE jsonb_typeof(t.${quote(field)}) = 'array' ON CONFLICT DO NOTHING`,
    indexName: pgName,
    // Names may be shortened past the table's; the primary key's index is the only other one.
    isAppIndex: (name) => name.startsWith('ix_') || name.startsWith('ux_'),
};

export const pgFilter: FilterDialect = {
    yes: 'TRUE',
    no: 'FALSE',
    like: (expr) => `${expr}::text ILIKE ? ESCAPE '\\'`,
    emptyList: (expr) => `(${expr} IS NULL OR ${expr} = '[]'::jsonb)`,
    orderBy: (expr, asc) => `${expr} ${asc ? 'ASC NULLS FIRST' : 'DESC NULLS LAST'}`,
};

/** Numbers the `?` placeholders of SQL built for both stores (none ever stands in a literal). */
export function numbered(sql: string, from = 1): string {
    let n = from - 1;
    return sql.replace(/\?/g, () => `$${++n}`);
}
