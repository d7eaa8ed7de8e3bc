/**
 * Which clients a form's item stands for (SPEC §10 "Show history"):
 * - by account: a field of the current item (or of the item a link field of it points to)
 *   that links to live-chat clients;
 * - by app item: clients bound to the current item (or to the item a link field points to)
 *   through their `account` ({ app, id }).
 * Another extension's app is read with the viewer's rights on it; an item they cannot read shows no client.
 */
import type { App, ApplicationItem, TJSON } from '@brix/sdk';
import type { Client } from '../../scripts/shared/apps';

export interface HistorySettings {
    showHistory: 'by_account' | 'by_item';
    /** by account: the field holding the client(s). */
    accountField: string | null;
    /** by account: a link field of the current item whose item holds `accountField`. */
    boundField: string | null;
    /** by app item: a link field of the current item whose item clients are bound to. */
    itemField: string | null;
}

export interface FormItem {
    /** `namespace.app` */
    app: string;
    id: string;
}

type AnyItem = ApplicationItem<Record<string, unknown>>;

/** The form's app or a linked one: this extension's own, or another extension's read with the viewer's rights. */
async function appOf(key: string): Promise<{ key: string; app: App<Record<string, unknown>> } | undefined> {
    const [ns, code] = key.includes('.') ? key.split('.') : [Namespace.code, key];
    if (ns === Namespace.code) {
        const app = (Namespace.app as unknown as Record<string, App<Record<string, unknown>> | undefined>)[code];
        return app ? { key: `${ns}.${code}`, app } : undefined;
    }
    const app = await System.apps.get(`${ns}.${code}`).catch(() => undefined);
    return app ? { key: `${ns}.${code}`, app } : undefined;
}

async function loadItem(key: string, id: string): Promise<AnyItem | undefined> {
    // Another extension's item the viewer may not read shows no history, like a missing one.
    return (await appOf(key))?.app.search().where((f) => f.__id.eq(id)).first().catch(() => undefined);
}

/** The ids a link field holds (one ref or a list of refs). */
function linkedIds(value: unknown): string[] {
    const refs = Array.isArray(value) ? value : [value];
    return refs.map((r) => (r && typeof r === 'object' && typeof (r as { id?: unknown }).id === 'string' ? (r as { id: string }).id : null))
        .filter((id): id is string => id !== null);
}

/** The app a link field of the item's app points to, from the ref's own `app`. */
function linkedApp(value: unknown): string | undefined {
    const first = Array.isArray(value) ? value[0] : value;
    const app = first && typeof first === 'object' ? (first as { app?: unknown }).app : undefined;
    return typeof app === 'string' ? app : undefined;
}

/** The item the setting points at: the form's item, or the one its link field holds. */
async function targetItem(form: FormItem, linkField: string | null): Promise<{ app: string; item: AnyItem } | undefined> {
    const item = await loadItem(form.app, form.id);
    if (!item || !linkField) return item ? { app: (await appOf(form.app))!.key, item } : undefined;
    const value = item.data[linkField];
    const [id] = linkedIds(value);
    const app = linkedApp(value);
    const bound = id && app ? await loadItem(app, id) : undefined;
    return bound ? { app: (await appOf(app!))!.key, item: bound } : undefined;
}

export async function resolveClients(settings: HistorySettings, form: FormItem): Promise<Client[]> {
    if (settings.showHistory === 'by_account') {
        if (!settings.accountField) return [];
        const target = await targetItem(form, settings.boundField);
        const ids = target ? linkedIds(target.item.data[settings.accountField]) : [];
        return ids.length ? Namespace.app.clients.search().where((f) => f.__id.in(ids)).size(1000).all() : [];
    }
    const target = await targetItem(form, settings.itemField);
    if (!target) return [];
    // An index seek on the bound item's id; the app is checked on the few found.
    const bound = await Namespace.app.clients.search().where((f) => f.account_id.eq(target.item.id)).size(1000).all();
    return bound.filter((c) => isAccount(c.data.account, target.app, target.item.id));
}

function isAccount(value: TJSON | null, app: string, id: string): boolean {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
    return value.id === id && (value.app === app || value.app === app.split('.')[1]);
}
