/**
 * An extension's own user (manifest `serviceUser`): the identity its scripts act as when
 * no one signed in started them and they call another extension. It is created once, keeps
 * whatever groups an administrator gives it, and has no password, so it cannot sign in.
 */
import type { Store } from '../store/store';
import type { LoadedExtension } from './extension-bundle';

/** The service user's login: `service.<namespace>`. */
export function serviceLogin(ext: LoadedExtension): string {
    return `service.${ext.manifest.namespace}`;
}

/** Creates the extension's service user if the manifest declares one and it does not exist yet. */
export async function ensureServiceUser(store: Store, ext: LoadedExtension): Promise<void> {
    const declared = ext.manifest.serviceUser;
    if (!declared) return;
    const login = serviceLogin(ext);
    if (await store.system.users.byLogin(login)) return;
    await store.system.users.create({
        id: `service-${ext.id}`, login, passwordHash: '', fullname: declared.name, email: null, timezone: 'UTC', status: 'active',
    });
}

/** The id of the extension's service user, or null when it declares none. */
export async function serviceUserId(store: Store, ext: LoadedExtension): Promise<string | null> {
    if (!ext.manifest.serviceUser) return null;
    return (await store.system.users.byLogin(serviceLogin(ext)))?.id ?? null;
}
