/**
 * Field values in their three forms: what callers send (HTTP JSON or script objects), what
 * the store keeps, and what goes back out as JSON. One place decides what each type accepts.
 */
import type { FieldManifest } from '../manifest/schema';
import { isListField } from '../store/store';
import { Duration, isDate, TDate, TDatetime } from './datetime';

export type Checked = { ok: true; value: unknown } | { ok: false; problem: string };

const ok = (value: unknown): Checked => ({ ok: true, value });
const bad = (problem: string): Checked => ({ ok: false, problem });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An id from a plain id or an object that carries one (a ref or `{ id }`, `{ __id }`). */
function idOf(v: unknown): string | undefined {
    if (typeof v === 'string' && v.length > 0) return v;
    if (isObject(v)) {
        const id = v.id ?? v.__id;
        if (typeof id === 'string' && id.length > 0) return id;
    }
    return undefined;
}

function codeOf(v: unknown): string | undefined {
    if (typeof v === 'string') return v;
    if (isObject(v) && typeof v.code === 'string') return v.code;
    return undefined;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[0-9 ()-]{3,30}$/;

function checkTableRows(field: FieldManifest, value: unknown): Checked {
    if (!Array.isArray(value)) return bad('expected a list of rows');
    const rows: Record<string, unknown>[] = [];
    for (const [i, row] of value.entries()) {
        if (!isObject(row)) return bad(`row ${i + 1} is not an object`);
        const out: Record<string, unknown> = {};
        for (const column of field.columns ?? []) {
            const cell = row[column.code];
            if (cell === undefined || cell === null || cell === '') { out[column.code] = null; continue; }
            const checked = checkValue({ ...field, type: column.type, multiple: false }, cell);
            if (!checked.ok) return bad(`row ${i + 1}, ${column.name}: ${checked.problem}`);
            out[column.code] = checked.value;
        }
        rows.push(out);
    }
    return ok(rows);
}

function checkOne(field: FieldManifest, v: unknown): Checked {
    switch (field.type) {
        case 'STRING':
        case 'TEXT':
            return typeof v === 'string' ? ok(v) : bad('expected text');
        case 'INTEGER':
            return typeof v === 'number' && Number.isSafeInteger(v) ? ok(v) : bad('expected a whole number');
        case 'FLOAT':
            return typeof v === 'number' && Number.isFinite(v) ? ok(v) : bad('expected a number');
        case 'BOOLEAN':
            return typeof v === 'boolean' ? ok(v) : bad('expected true or false');
        case 'DATETIME': {
            if (!(v instanceof TDatetime || isDate(v) || typeof v === 'number' || typeof v === 'string')) return bad('expected a date and time');
            try {
                return ok(new TDatetime(v).getTime());
            } catch {
                return bad('expected a date and time (ISO 8601)');
            }
        }
        case 'DATE': {
            const date = v instanceof TDate ? v : typeof v === 'string' ? TDate.parse(v) : undefined;
            return date ? ok(date.toString()) : bad('expected a date YYYY-MM-DD');
        }
        case 'DURATION':
            if (v instanceof Duration) return ok(v.asMilliseconds());
            return typeof v === 'number' && Number.isFinite(v) ? ok(v) : bad('expected a duration in milliseconds');
        case 'ENUM': {
            const code = codeOf(v);
            return code && field.options?.some((o) => o.code === code) ? ok(code) : bad(`expected one of ${field.options?.map((o) => o.code).join(', ')}`);
        }
        case 'SYS_USER':
        case 'SYS_COLLECTION': {
            const id = idOf(v);
            return id ? ok(id) : bad('expected an id');
        }
        case 'EMAIL': {
            const email = typeof v === 'string' ? v : isObject(v) ? v.email : undefined;
            const type = isObject(v) && typeof v.type === 'string' ? v.type : 'work';
            return typeof email === 'string' && emailPattern.test(email) ? ok({ type, email }) : bad('expected an e-mail address');
        }
        case 'PHONE': {
            const tel = typeof v === 'string' ? v : isObject(v) ? v.tel : undefined;
            const type = isObject(v) && typeof v.type === 'string' ? v.type : 'work';
            return typeof tel === 'string' && phonePattern.test(tel) ? ok({ type, tel }) : bad('expected a phone number');
        }
        case 'FULL_NAME': {
            if (typeof v === 'string') return v.trim() ? ok({ lastname: '', firstname: v.trim() }) : bad('expected a name');
            if (isObject(v) && typeof v.firstname === 'string') {
                return ok({ lastname: String(v.lastname ?? ''), firstname: v.firstname, ...(v.middlename ? { middlename: String(v.middlename) } : {}) });
            }
            return bad('expected { lastname, firstname }');
        }
        case 'MONEY':
            return isObject(v) && Number.isSafeInteger(v.cents) && typeof v.currency === 'string' && /^[A-Z]{3}$/.test(v.currency)
                ? ok({ cents: v.cents, currency: v.currency }) : bad('expected { cents, currency }');
        case 'FILE':
            return isObject(v) && typeof v.id === 'string' && typeof v.name === 'string'
                ? ok({ id: v.id, name: v.name, size: Number(v.size ?? 0), contentType: String(v.contentType ?? 'application/octet-stream') })
                : bad('expected a file { id, name }');
        case 'TABLE':
            return checkTableRows(field, v);
        case 'JSON':
            try {
                return ok(JSON.parse(JSON.stringify(v)));
            } catch {
                return bad('expected a JSON value');
            }
    }
}

/** Checks a value for a field and turns it into store form; empty values become null. */
export function checkValue(field: FieldManifest, value: unknown): Checked {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0 && field.type !== 'TABLE')) {
        return field.required ? bad('is required') : ok(null);
    }
    if (isListField(field)) {
        const list = Array.isArray(value) ? value : [value];
        const out: unknown[] = [];
        for (const v of list) {
            const checked = checkOne(field, v);
            if (!checked.ok) return checked;
            if (!out.includes(checked.value)) out.push(checked.value);
        }
        return ok(out);
    }
    return checkOne(field, value);
}

/** A store value as JSON for the HTTP API. */
export function toJson(field: FieldManifest, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    switch (field.type) {
        case 'DATETIME':
            return new Date(value as number).toISOString();
        case 'ENUM': {
            const named = (code: unknown) => ({ code, name: field.options?.find((o) => o.code === code)?.name ?? String(code) });
            return Array.isArray(value) ? value.map(named) : named(value);
        }
        default:
            return value;
    }
}

/** Whether two store-form values are the same (a save that changes nothing writes nothing). */
export function sameValue(a: unknown, b: unknown): boolean {
    return a === b || (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
