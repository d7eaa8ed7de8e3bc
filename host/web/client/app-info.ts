/**
 * Apps as `GET /api/apps/:ns/:app` describes them (the manifest plus what the user may do),
 * cached per tab since manifests change only on install.
 */
import type { AppManifest, FieldManifest } from '../../manifest/schema';
import { api } from './api';

export type FieldInfo = FieldManifest;

export interface AppInfo extends AppManifest {
    key: string;
    namespace: string;
    extension: string;
    allowed: ('read' | 'create' | 'update' | 'delete' | 'export')[];
}

/** The name every item has, shown first in lists and forms. */
export const nameField: FieldInfo = { code: '__name', name: 'Name', type: 'STRING', required: true, multiple: false, list: true };

const cache = new Map<string, Promise<AppInfo>>();

export function loadApp(namespace: string, code: string): Promise<AppInfo> {
    const key = `${namespace}.${code}`;
    let found = cache.get(key);
    if (!found) {
        found = api<AppInfo>('GET', `/api/apps/${encodeURIComponent(namespace)}/${encodeURIComponent(code)}`);
        found.catch(() => cache.delete(key));
        cache.set(key, found);
    }
    return found;
}

/** Drops cached manifests after an install or upgrade. */
export function forgetApps(): void {
    cache.clear();
}

/** `namespace.app` of the app a SYS_COLLECTION field links to. */
export function linkedApp(app: Pick<AppInfo, 'namespace'>, field: FieldInfo): string {
    return field.app!.includes('.') ? field.app! : `${app.namespace}.${field.app}`;
}

/** The path of the app's items under `/api`. */
export function itemsUrl(appKey: string): string {
    const [namespace, code] = appKey.split('.');
    return `/api/apps/${encodeURIComponent(namespace)}/${encodeURIComponent(code)}/items`;
}
