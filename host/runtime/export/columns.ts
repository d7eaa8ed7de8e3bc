/**
 * The columns of an app's export and each row's cells, from the app's manifest and the
 * options a person chose: system information (ids, codes, bookkeeping fields) and names
 * instead of ids. A JSON field the manifest exports as `columns` (custom properties)
 * gives one column per key found in the exported rows.
 */
import type { FieldManifest } from '../../manifest/schema';
import type { Row } from '../../store/store';
import type { InstalledApp } from '../app-items';
import type { ReferenceNames } from './reference-names';

export interface ExportOptions {
    /** Ids and codes beside names, and the fields kept for system information. */
    system: boolean;
    /** Names of users, linked items and files instead of their ids; option names instead of codes. */
    names: boolean;
}

/** One cell: what both a CSV line and a spreadsheet cell can hold. */
export type Cell = string | number | boolean | Date | null;

export interface Column {
    header: string;
    /** Width in characters, for spreadsheets. */
    width: number;
    cell(row: Row, names: ReferenceNames): Cell;
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);
const moment = (v: unknown): Cell => (typeof v === 'number' ? new Date(v) : null);
const joined = (values: unknown[]): Cell => (values.length ? values.map(String).join(', ') : null);

/** A value of any other type as one readable cell. */
function plainValue(field: FieldManifest, v: unknown, names: ReferenceNames, useNames: boolean): Cell {
    if (v === null || v === undefined) return null;
    const o = v as Record<string, unknown>;
    switch (field.type) {
        case 'DATETIME': return moment(v);
        case 'INTEGER': case 'FLOAT': case 'DURATION': return typeof v === 'number' ? v : null;
        case 'BOOLEAN': return v === true;
        case 'ENUM': return joined(asList(v).map((code) => (useNames ? field.options?.find((x) => x.code === code)?.name ?? code : code)));
        case 'EMAIL': return typeof o.email === 'string' ? o.email : null;
        case 'PHONE': return typeof o.tel === 'string' ? o.tel : null;
        case 'FILE': return String((useNames ? o.name : o.id) ?? '') || null;
        case 'FULL_NAME': return [o.lastname, o.firstname, o.middlename].filter(Boolean).join(' ') || null;
        case 'MONEY': return `${(Number(o.cents) / 100).toFixed(2)} ${String(o.currency)}`;
        case 'JSON': case 'TABLE': return JSON.stringify(v);
        case 'SYS_USER': return joined(asList(v).map((id) => (useNames ? names.user(String(id)) : id)));
        case 'SYS_COLLECTION': return joined(asList(v).map((id) => (useNames ? names.item(names.target(field), String(id)) : id)));
        default: return typeof v === 'string' ? v : JSON.stringify(v);
    }
}

const isReference = (f: FieldManifest) => f.type === 'SYS_USER' || f.type === 'SYS_COLLECTION';

function fieldColumns(field: FieldManifest, options: ExportOptions, keys: readonly string[]): Column[] {
    if (field.export === 'columns') {
        return keys.map((key) => ({
            header: `${field.name}: ${key}`,
            width: 18,
            cell: (row) => {
                const value = (row[field.code] as Record<string, unknown> | null)?.[key];
                return value === undefined || value === null ? null : typeof value === 'object' ? JSON.stringify(value) : value as Cell;
            },
        }));
    }
    const main: Column = { header: field.name, width: field.type === 'DATETIME' ? 20 : 18, cell: (row, names) => plainValue(field, row[field.code], names, options.names) };
    // With names and system information both, the ids stay beside the names.
    if (options.names && options.system && isReference(field)) {
        return [main, { header: `${field.name} (id)`, width: 38, cell: (row, names) => plainValue(field, row[field.code], names, false) }];
    }
    return [main];
}

/** The fields an export shows: never a secret, bookkeeping only with system information. */
export function exportedFields(app: InstalledApp, options: ExportOptions): FieldManifest[] {
    return app.manifest.fields.filter((f) => !f.secret && (f.export !== 'system' || options.system));
}

/**
 * @param keys per `columns` field, the keys found in the rows to export, in the order found.
 */
export function exportColumns(app: InstalledApp, options: ExportOptions, keys: ReadonlyMap<string, readonly string[]>): Column[] {
    const statusName = (code: unknown) => app.manifest.statuses?.find((s) => s.code === code)?.name ?? (code as string | null);
    const columns: Column[] = [];
    if (options.system) columns.push({ header: 'ID', width: 38, cell: (row) => row.__id });
    columns.push({ header: 'Name', width: 30, cell: (row) => (row.__name as string | null) ?? null });
    if (app.manifest.statuses?.length) columns.push({ header: 'Status', width: 16, cell: (row) => (options.names ? statusName(row.__status) : row.__status as string | null) ?? null });
    for (const field of exportedFields(app, options)) columns.push(...fieldColumns(field, options, keys.get(field.code) ?? []));
    columns.push({ header: 'Created', width: 20, cell: (row) => moment(row.__createdAt) });
    const author: FieldManifest = { code: '__createdBy', name: 'Author', type: 'SYS_USER', required: false, multiple: false, list: false };
    columns.push(...fieldColumns(author, options, []));
    columns.push({ header: 'Updated', width: 20, cell: (row) => moment(row.__updatedAt) });
    if (options.system) columns.push({ header: 'Deleted', width: 20, cell: (row) => moment(row.__deletedAt) });
    return columns;
}

/** The references a page of rows holds, for names to load them in one read per app. */
export function referencesOf(app: InstalledApp, options: ExportOptions, rows: readonly Row[]): { users: Set<string>; items: Map<FieldManifest, Set<string>> } {
    const users = new Set<string>();
    const items = new Map<FieldManifest, Set<string>>();
    if (!options.names) return { users, items };
    for (const row of rows) if (typeof row.__createdBy === 'string') users.add(row.__createdBy);
    for (const field of exportedFields(app, options)) {
        if (field.type === 'SYS_USER') for (const row of rows) for (const id of asList(row[field.code])) users.add(String(id));
        if (field.type === 'SYS_COLLECTION') {
            const ids = items.get(field) ?? new Set<string>();
            for (const row of rows) for (const id of asList(row[field.code])) ids.add(String(id));
            items.set(field, ids);
        }
    }
    return { users, items };
}
