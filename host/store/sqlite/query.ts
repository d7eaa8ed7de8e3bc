/**
 * Turns a filter tree into a parameterised SQLite WHERE clause. Field names must be in the
 * column map, so nothing from a caller ever reaches the SQL text.
 */
import { HostError } from '../../errors';
import { searchLimits, type Filter, type Query } from '../store';

export interface Column {
    /** The SQL expression of the column. */
    expr: string;
    /** `list` columns hold a JSON array: eq/in test membership. */
    kind: 'scalar' | 'boolean' | 'list';
    /** Included in free-text search. */
    text?: boolean;
    /** A custom membership test for list-like columns kept outside the row. */
    member?: string;
    /** The members table (field, value, item) that indexes this list column's values. */
    members?: { table: string; field: string };
}

export type ColumnMap = Record<string, Column>;

/**
 * What differs between the SQL of the two stores: how a constant truth is written, how text
 * is matched without regard to case, and how a list column is said to be empty.
 */
export interface FilterDialect {
    yes: string;
    no: string;
    /** `LIKE` in SQLite ignores ASCII case; PostgreSQL needs `ILIKE` and a text operand. */
    like(expr: string): string;
    emptyList(expr: string): string;
    /** An ORDER BY term; empty values sort first ascending, as SQLite sorts them. */
    orderBy(expr: string, asc: boolean): string;
}

export const sqliteDialect: FilterDialect = {
    yes: '1',
    no: '0',
    like: (expr) => `${expr} LIKE ? ESCAPE '\\'`,
    emptyList: (expr) => `(${expr} IS NULL OR ${expr} = '[]')`,
    orderBy: (expr, asc) => `${expr} ${asc ? 'ASC' : 'DESC'}`,
};

interface Built {
    sql: string;
    params: unknown[];
}

function bind(column: Column, value: unknown): unknown {
    if (column.kind === 'boolean' && typeof value === 'boolean') return value ? 1 : 0;
    return value;
}

function columnOf(columns: ColumnMap, field: string): Column {
    const column = columns[field];
    if (!column) throw new HostError('BAD_REQUEST', `Unknown field ${field}`, { field });
    return column;
}

/*
 * Queries are built on every search (several per message), so the builders below use plain
 * loops and string concatenation: map/join/flatMap over two-element arrays cost a microsecond
 * or more each in this V8, several times the rest of the work.
 */

const markLists: string[] = [];

/** `?, ?, ?` for `n` values (remembered for the usual list lengths). */
function marks(n: number): string {
    let known = markLists[n];
    if (known === undefined) {
        known = '';
        for (let i = 0; i < n; i++) known += i ? ', ?' : '?';
        if (n < 1000) markLists[n] = known;
    }
    return known;
}

function membership(column: Column, values: unknown[]): Built {
    if (column.members) {
        const params: unknown[] = [column.members.field];
        for (const v of values) params.push(v);
        return { sql: `"__id" IN (SELECT item FROM ${column.members.table} WHERE field = ? AND value IN (${marks(values.length)}))`, params };
    }
    if (column.member) {
        let sql = '(';
        for (let i = 0; i < values.length; i++) sql += (i ? ' OR ' : '') + column.member;
        return { sql: `${sql})`, params: values };
    }
    return { sql: `EXISTS (SELECT 1 FROM json_each(${column.expr}) WHERE value IN (${marks(values.length)}))`, params: values };
}

const sqlOp = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function escapeLike(text: string): string {
    return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function compare(columns: ColumnMap, f: Extract<Filter, { kind: 'cmp' }>, dialect: FilterDialect): Built {
    const column = columnOf(columns, f.field);
    if (f.op === 'like') {
        return { sql: dialect.like(column.expr), params: [escapeLike(String(f.value))] };
    }
    if (column.kind === 'list' || column.member) {
        if (f.value === null && !column.member && (f.op === 'eq' || f.op === 'neq')) {
            const empty = dialect.emptyList(column.expr);
            return { sql: f.op === 'eq' ? empty : `NOT ${empty}`, params: [] };
        }
        if (f.value === null) throw new HostError('BAD_REQUEST', `Field ${f.field} cannot be compared with null using ${f.op}`, { field: f.field });
        const has = membership(column, [f.value]);
        if (f.op === 'eq') return has;
        if (f.op === 'neq') return { sql: `NOT ${has.sql}`, params: has.params };
        throw new HostError('BAD_REQUEST', `Field ${f.field} holds several values and cannot be compared with ${f.op}`, { field: f.field });
    }
    if (f.value === null) {
        if (f.op === 'eq') return { sql: `${column.expr} IS NULL`, params: [] };
        if (f.op === 'neq') return { sql: `${column.expr} IS NOT NULL`, params: [] };
        throw new HostError('BAD_REQUEST', `Field ${f.field} cannot be compared with null using ${f.op}`, { field: f.field });
    }
    if (f.op === 'neq') {
        return { sql: `(${column.expr} IS NULL OR ${column.expr} <> ?)`, params: [bind(column, f.value)] };
    }
    return { sql: `${column.expr} ${sqlOp[f.op]} ?`, params: [bind(column, f.value)] };
}

/** The words of a free-text search. @throws HostError SEARCH_TOO_LONG beyond searchLimits */
function searchWords(text: string): string[] {
    const words = text.split(/\s+/).filter(Boolean);
    if (text.length > searchLimits.maxLength || words.length > searchLimits.maxWords) {
        throw new HostError('SEARCH_TOO_LONG',
            `Search for at most ${searchLimits.maxWords} words and ${searchLimits.maxLength} characters (got ${words.length} words, ${text.length} characters)`,
            { maxWords: searchLimits.maxWords, maxLength: searchLimits.maxLength });
    }
    return words;
}

/** Builds the SQL of a filter tree. */
export function buildFilter(columns: ColumnMap, filter: Filter, dialect: FilterDialect = sqliteDialect): Built {
    switch (filter.kind) {
        case 'and':
        case 'or': {
            if (filter.items.length === 0) return { sql: filter.kind === 'and' ? dialect.yes : dialect.no, params: [] };
            const glue = filter.kind === 'and' ? ' AND ' : ' OR ';
            let sql = '(';
            const params: unknown[] = [];
            for (let i = 0; i < filter.items.length; i++) {
                const part = buildFilter(columns, filter.items[i], dialect);
                if (i) sql += glue;
                sql += part.sql;
                for (const p of part.params) params.push(p);
            }
            return { sql: `${sql})`, params };
        }
        case 'not': {
            const inner = buildFilter(columns, filter.item, dialect);
            return { sql: `NOT ${inner.sql}`, params: inner.params };
        }
        case 'cmp':
            return compare(columns, filter, dialect);
        case 'in': {
            const column = columnOf(columns, filter.field);
            if (filter.values.length === 0) return { sql: dialect.no, params: [] };
            if (column.kind === 'list' || column.member) return membership(column, filter.values);
            const params: unknown[] = [];
            for (const v of filter.values) params.push(bind(column, v));
            return { sql: `${column.expr} IN (${marks(params.length)})`, params };
        }
        case 'fts': {
            const words = searchWords(filter.text);
            const texts = Object.values(columns).filter((c) => c.text);
            if (words.length === 0 || texts.length === 0) return { sql: dialect.yes, params: [] };
            const parts = words.map((w) => ({
                sql: `(${texts.map((c) => dialect.like(c.expr)).join(' OR ')})`,
                params: texts.map(() => escapeLike(w)),
            }));
            return { sql: `(${parts.map((p) => p.sql).join(' AND ')})`, params: parts.flatMap((p) => p.params) };
        }
    }
}

/**
 * A LIMIT written into the SQL text, never bound: SQLite (built with STAT4, as better-sqlite3
 * is) compiles a statement again on every run when its LIMIT is a bound value, which doubled
 * the cost of a one-row seek. Sizes are few, so they add few statements to the cache.
 */
export function limitClause(size: number): string {
    return `LIMIT ${Math.max(0, Math.floor(size))}`;
}

/**
 * WHERE, ORDER BY and LIMIT of a query. The offset is bound (`limitParams`, after `params`), so
 * the SQL text of a paged query is the same for every page and its statement is reused; the
 * page size is written into the text (limitClause).
 */
export function buildQuery(columns: ColumnMap, query: Query, deletedColumn?: string, dialect: FilterDialect = sqliteDialect): { where: string; order: string; limit: string; params: unknown[]; limitParams: number[] } {
    const filters: Filter[] = [];
    if (query.where) filters.push(query.where);
    const where = filters.length ? buildFilter(columns, { kind: 'and', items: filters }, dialect) : { sql: dialect.yes, params: [] };
    const sqlWhere = deletedColumn && !query.withDeleted ? `${deletedColumn} IS NULL AND ${where.sql}` : where.sql;
    let order = '';
    for (const s of query.sort ?? []) order += (order ? ', ' : 'ORDER BY ') + dialect.orderBy(columnOf(columns, s.field).expr, s.asc);
    const size = query.size ?? 10;
    const from = query.from ?? 0;
    return {
        where: sqlWhere,
        order,
        limit: `${limitClause(size)} OFFSET ?`,
        params: where.params,
        limitParams: [Math.max(0, Math.floor(from))],
    };
}
