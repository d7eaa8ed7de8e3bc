/**
 * Field values as text for lists and read-only forms. Dates show in the user's time zone;
 * user and app-link ids show as names once `refs` has loaded them.
 */
import { DateTime } from 'luxon';
import { linkedApp, type AppInfo, type FieldInfo } from './app-info';
import { itemName, loadItemNames, loadUserNames, userName } from './refs';

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]);

export function formatDatetime(iso: string, zone: string): string {
    return DateTime.fromISO(iso, { zone }).toFormat('yyyy-LL-dd HH:mm');
}

function formatDuration(ms: number): string {
    const minutes = Math.round(ms / 60_000);
    return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

/** Loads the names that `formatValue` will need for these items. */
export async function loadNames(app: AppInfo, fields: FieldInfo[], items: Record<string, unknown>[]): Promise<void> {
    const jobs: Promise<void>[] = [];
    const users = items.flatMap((i) => fields.filter((f) => f.type === 'SYS_USER').flatMap((f) => asList(i[f.code]) as string[]));
    if (users.length) jobs.push(loadUserNames(users));
    for (const f of fields.filter((x) => x.type === 'SYS_COLLECTION')) {
        const ids = items.flatMap((i) => asList(i[f.code]) as string[]);
        if (ids.length) jobs.push(loadItemNames(linkedApp(app, f), ids));
    }
    await Promise.all(jobs);
}

function one(app: AppInfo, field: FieldInfo, v: unknown, zone: string): string {
    const o = v as Record<string, unknown>;
    switch (field.type) {
        case 'DATETIME': return formatDatetime(String(v), zone);
        case 'BOOLEAN': return v ? 'Yes' : 'No';
        case 'ENUM': return String(o.name ?? o.code ?? v);
        case 'SYS_USER': return userName(String(v));
        case 'SYS_COLLECTION': return itemName(linkedApp(app, field), String(v));
        case 'DURATION': return formatDuration(Number(v));
        case 'EMAIL': return String(o.email ?? '');
        case 'PHONE': return String(o.tel ?? '');
        case 'FILE': return String(o.name ?? '');
        case 'FULL_NAME': return [o.lastname, o.firstname, o.middlename].filter(Boolean).join(' ');
        case 'MONEY': return `${(Number(o.cents) / 100).toFixed(2)} ${String(o.currency)}`;
        case 'TABLE': return `${(v as unknown[]).length} row(s)`;
        case 'JSON': return JSON.stringify(v);
        default: return String(v);
    }
}

export function formatValue(app: AppInfo, field: FieldInfo, value: unknown, zone: string): string {
    if (field.secret) return (value as { set?: boolean } | null)?.set ? 'Set' : 'Not set';
    if (value === null || value === undefined) return '';
    if (field.type === 'TABLE') return one(app, field, value, zone);
    return asList(value).map((v) => one(app, field, v, zone)).join(', ');
}
