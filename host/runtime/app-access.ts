/**
 * Who may do what with an app's items, as an administrator changes it after install: the
 * groups of each action (read, create, update, delete, export), over the defaults of the
 * app's manifest. Kept in the host's own storage (an owner no extension's scripts can
 * reach), loaded when the app's extension becomes active, and told to the other instances
 * over the bus, so every instance checks the same rights. An upgrade keeps the changes; an
 * uninstall with purge of the extension does not touch them, a reinstall finds them again.
 */
import { HostError } from '../errors';
import { permissionActions, type PermissionAction } from '../manifest/schema';
import type { Store } from '../store/store';
import type { AppItems } from './app-items';

/** The storage owner of access changes: not an extension id, so no script reads or writes it. */
const OWNER = 'host:app-access';

export type Access = Record<PermissionAction, string[]>;

export class AppAccess {
    constructor(private readonly store: Store, private readonly items: AppItems) {}

    /** Loads the changes of every app of the extension (when it becomes active, or when another instance changed one). */
    async load(extensionId: string): Promise<void> {
        for (const app of this.items.all()) {
            if (app.extensionId !== extensionId) continue;
            const saved = (await this.store.system.storage.get(OWNER, app.table.key)) as Access | undefined;
            app.access = saved ?? undefined;
        }
    }

    /** What applies now, and the manifest's defaults. */
    describe(key: string): { access: Access; defaults: Access; changed: boolean } {
        const app = this.items.app(key);
        const defaults = app.manifest.permissions as Access;
        return { access: app.access ?? defaults, defaults, changed: app.access !== undefined };
    }

    /**
     * Sets the groups of each action (every action named, each a list of known group codes),
     * or goes back to the manifest's defaults with `null`.
     */
    async set(key: string, access: unknown): Promise<void> {
        const app = this.items.app(key);
        if (access === null) {
            await this.store.system.storage.remove(OWNER, key);
            app.access = undefined;
            return;
        }
        const checked = await this.check(access);
        await this.store.system.storage.set(OWNER, key, checked);
        app.access = checked;
    }

    private async check(access: unknown): Promise<Access> {
        if (typeof access !== 'object' || access === null || Array.isArray(access)) {
            throw new HostError('BAD_REQUEST', 'Access is an object of actions, each a list of group codes, or null');
        }
        const given = access as Record<string, unknown>;
        const unknownAction = Object.keys(given).find((a) => !(permissionActions as readonly string[]).includes(a));
        if (unknownAction) throw new HostError('BAD_REQUEST', `Unknown action ${unknownAction}`, { field: unknownAction });
        const groups = new Set((await this.store.system.groups.list()).map((g) => g.code));
        const result = {} as Access;
        for (const action of permissionActions) {
            const codes = given[action];
            if (!Array.isArray(codes) || codes.some((c) => typeof c !== 'string')) {
                throw new HostError('BAD_REQUEST', `${action} must be a list of group codes`, { field: action });
            }
            const unknownGroup = codes.find((c) => !groups.has(c as string));
            if (unknownGroup !== undefined) throw new HostError('BAD_REQUEST', `No group ${String(unknownGroup)}`, { field: action });
            result[action] = [...new Set(codes as string[])].sort();
        }
        return result;
    }
}
