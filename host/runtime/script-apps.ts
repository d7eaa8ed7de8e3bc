/**
 * `System.apps`: apps of every installed extension, for scripts that work with another
 * extension's items (bind a record to an item of the app an administrator picked, record
 * events in it). The extension's own apps stay open to its scripts as through `Namespace`;
 * another extension's app is used with the rights of the script's user — or, in a script no
 * user started, its extension's service user — as the app's permissions grant them.
 */
import { HostError } from '../errors';
import type { PermissionAction } from '../manifest/schema';
import { can } from '../server/permissions';
import type { Store } from '../store/store';
import type { AppItems } from './app-items';
import type { LoadedExtension } from './extension-bundle';
import { appHandle } from './script-items';
import { serviceUserId } from './service-users';
import type { UsersApi } from './script-users';

export interface ScriptAppsServices {
    store: Store;
    items: AppItems;
    users: UsersApi;
}

export interface AppOptions {
    /** `caller` (default): the script's user, else the service user; `service`: the extension's service user. */
    as?: 'caller' | 'service';
}

/** The `System.apps` of one script call. */
export function appsApi(services: ScriptAppsServices, ext: LoadedExtension, userId: string | null) {
    const { store, items } = services;
    const describe = (key: string) => {
        const app = items.app(key);
        return {
            key, namespace: app.namespace, code: app.manifest.code, name: app.manifest.name,
            fields: app.manifest.fields.map((f) => ({ code: f.code, name: f.name, type: f.type, app: f.app ?? null })),
        };
    };
    /** The user another extension's app is used as: the script's, else (or when asked) the service user. */
    const actingUser = async (options: AppOptions) => {
        const service = options.as === 'service' || !userId ? await serviceUserId(store, ext) : null;
        const id = options.as === 'service' ? service : userId ?? service;
        return id ? store.system.users.get(id) : undefined;
    };
    return {
        list: async () => items.all().map((a) => describe(a.table.key)),
        describe: async (key: string) => (items.has(key) ? describe(key) : undefined),
        can: async (key: string, action: PermissionAction, options: AppOptions = {}) => {
            if (!items.has(key)) return false;
            if (items.app(key).namespace === ext.manifest.namespace) return true;
            const user = await actingUser(options);
            return Boolean(user && user.status === 'active' && can(user, items.app(key), action));
        },
        get: async (key: string, options: AppOptions = {}) => {
            if (!items.has(key)) return undefined;
            const own = items.app(key).namespace === ext.manifest.namespace;
            const user = own ? undefined : await actingUser(options);
            const actor = own ? userId : user?.id ?? null;
            const check = (appKey: string, action: PermissionAction) => {
                if (own && appKey === key) return;
                if (!user || user.status !== 'active' || !can(user, items.app(appKey), action)) {
                    throw new HostError('FORBIDDEN', `${user ? `${user.fullname} has` : 'There is no user with'} no right to ${action} items of ${appKey}`);
                }
            };
            const guarded = Object.create(items) as AppItems;
            Object.assign(guarded, {
                find: (k: string, q: Parameters<AppItems['find']>[1]) => (check(k, 'read'), items.find(k, q)),
                count: (k: string, q: Parameters<AppItems['count']>[1]) => (check(k, 'read'), items.count(k, q)),
                get: (k: string, id: string) => (check(k, 'read'), items.get(k, id)),
                aggregate: (k: string, q: Parameters<AppItems['aggregate']>[1], a: Parameters<AppItems['aggregate']>[2]) => (check(k, 'read'), items.aggregate(k, q, a)),
                create: (k: string, input: Record<string, unknown>, by: string | null) => (check(k, 'create'), items.create(k, input, by)),
                update: (k: string, id: string, input: Record<string, unknown>, by: string | null, changedOnly?: boolean) => (check(k, 'update'), items.update(k, id, input, by, changedOnly)),
                setStatus: (k: string, id: string, status: string, by: string | null) => (check(k, 'update'), items.setStatus(k, id, status, by)),
                remove: (k: string, id: string, by: string | null) => (check(k, 'delete'), items.remove(k, id, by)),
            });
            return appHandle({ items: guarded, users: services.users, actor: () => actor }, key);
        },
    };
}
