/**
 * The generic list of an app's items: columns the manifest marks `list`, sort by a column,
 * filters on choice fields, free-text search, server-side paging, the deleted-items view and
 * the export (export-download.ts).
 * The state lives in the address (`?q=&sort=&from=&f.x=&deleted=`), so reload and back keep it.
 */
import { api } from './api';
import { itemsUrl, loadApp, nameField, type AppInfo, type FieldInfo } from './app-info';
import { find } from './dom';
import { formatDatetime, formatValue, loadNames } from './format';
import { mountAccess } from './access-dialog';
import { mountExport } from './export-download';
import { ensureLayout, setTitle } from './layout';
import { navigate } from './router';
import { currentUser } from './session';
import listTemplate from './templates/list.hbs';

const PAGE_SIZE = 20;
const unsortable = new Set(['JSON', 'TABLE', 'FILE', 'EMAIL', 'PHONE', 'FULL_NAME', 'MONEY']);

interface Page {
    items: Record<string, unknown>[];
    total: number;
    from: number;
}

function columnsOf(app: AppInfo, deleted: boolean): FieldInfo[] {
    const columns = [nameField, ...app.fields.filter((f) => f.list)];
    if (app.statuses?.length) columns.push({ ...nameField, code: '__status', name: 'Status', required: false });
    columns.push(deleted
        ? { ...nameField, code: '__deletedAt', name: 'Deleted', type: 'DATETIME', required: false }
        : { ...nameField, code: '__createdAt', name: 'Created', type: 'DATETIME', required: false });
    return columns;
}

/** Choice fields the list can filter on: enums, yes/no fields and the status. */
function filtersOf(app: AppInfo, search: URLSearchParams) {
    const choices: { code: string; name: string; options: { code: string; name: string }[] }[] = [];
    for (const f of app.fields) {
        if (f.type === 'ENUM') choices.push({ code: f.code, name: f.name, options: f.options ?? [] });
        if (f.type === 'BOOLEAN') choices.push({ code: f.code, name: f.name, options: [{ code: 'true', name: 'Yes' }, { code: 'false', name: 'No' }] });
    }
    if (app.statuses?.length) choices.push({ code: '__status', name: 'Status', options: app.statuses });
    return choices.map((c) => ({
        ...c,
        options: c.options.map((o) => ({ ...o, selected: search.get(`f.${c.code}`) === o.code })),
    }));
}

function cellText(app: AppInfo, field: FieldInfo, item: Record<string, unknown>, zone: string): string {
    const value = item[field.code];
    if (field.code === '__status') return String((value as { name?: string } | null)?.name ?? '');
    if (field.code.startsWith('__') && field.type === 'DATETIME') return value ? formatDatetime(String(value), zone) : '';
    const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty && field.emptyText) return field.emptyText;
    return formatValue(app, field, value, zone);
}

export async function listView(params: Record<string, string>, search: URLSearchParams): Promise<void> {
    const main = await ensureLayout();
    const app = await loadApp(params.ns, params.app);
    const base = `/apps/${params.ns}/${params.app}`;
    const deleted = app.showDeleted && search.get('deleted') === 'true';
    const from = Math.max(0, Number(search.get('from') ?? 0) || 0);
    const [sortField, sortDir] = (search.get('sort') ?? '__createdAt:desc').split(':');
    const apiQuery = new URLSearchParams({ from: String(from), size: String(PAGE_SIZE), sort: `${sortField}:${sortDir}` });
    for (const [k, v] of search) if (k.startsWith('f.') || k === 'q') apiQuery.set(k, v);
    if (deleted) apiQuery.set('deleted', 'true');
    const page = await api<Page>('GET', `${itemsUrl(app.key)}?${apiQuery}`);
    const columns = columnsOf(app, deleted);
    await loadNames(app, columns, page.items);
    const zone = currentUser().timezone;
    setTitle(app.name);
    main.innerHTML = listTemplate({
        title: app.name,
        itemName: app.itemName ?? 'Item',
        canCreate: app.allowed.includes('create') && !deleted,
        canExport: app.allowed.includes('export'),
        canManageAccess: currentUser().groups.includes('administrators'),
        newPath: `${base}/new`,
        q: search.get('q') ?? '',
        filters: filtersOf(app, search),
        showDeleted: app.showDeleted,
        deleted,
        columns: columns.map((c) => ({
            code: c.code,
            name: c.name,
            sortable: !unsortable.has(c.type) && !c.multiple && c.code !== '__status',
            ariaSort: c.code === sortField ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none',
            arrow: c.code === sortField ? (sortDir === 'asc' ? ' ▲' : ' ▼') : '',
        })),
        rows: page.items.map((item) => ({
            cells: columns.map((c, i) => ({
                label: c.name,
                text: cellText(app, c, item, zone) || (i === 0 ? '(no name)' : ''),
                link: i === 0 ? `${base}/items/${encodeURIComponent(String(item.__id))}` : undefined,
            })),
        })),
        range: page.total ? `${from + 1}–${Math.min(from + PAGE_SIZE, page.total)} of ${page.total.toLocaleString('en')}` : '0 items',
        hasPrev: from > 0,
        hasNext: from + PAGE_SIZE < page.total,
    });

    mountExport(main, app, search);
    mountAccess(main, app, () => void listView(params, search));

    const go = (changes: Record<string, string | undefined>) => {
        const next = new URLSearchParams(search);
        for (const [k, v] of Object.entries(changes)) if (v === undefined || v === '') next.delete(k); else next.set(k, v);
        const text = next.toString();
        navigate(`${base}${text ? `?${text}` : ''}`);
    };
    find<HTMLFormElement>(main, '#list-filters').addEventListener('submit', (event) => {
        event.preventDefault();
        const form = new FormData(event.target as HTMLFormElement);
        const changes: Record<string, string | undefined> = { from: undefined, deleted: form.get('deleted') ? 'true' : undefined, q: String(form.get('q') ?? '').trim() };
        for (const f of filtersOf(app, search)) changes[`f.${f.code}`] = String(form.get(`f.${f.code}`) ?? '');
        go(changes);
    });
    for (const button of main.querySelectorAll<HTMLButtonElement>('button[data-sort]')) {
        button.addEventListener('click', () => {
            const code = button.dataset.sort!;
            go({ sort: `${code}:${code === sortField && sortDir === 'asc' ? 'desc' : 'asc'}`, from: undefined });
        });
    }
    main.querySelector('[data-page="prev"]')?.addEventListener('click', () => go({ from: String(Math.max(0, from - PAGE_SIZE)) }));
    main.querySelector('[data-page="next"]')?.addEventListener('click', () => go({ from: String(from + PAGE_SIZE) }));
}
