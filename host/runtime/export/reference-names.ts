/**
 * Names of the users and linked items an export refers to, loaded a page at a time: one
 * read per app for the ids a page holds that are not known yet (an index seek on `__id`).
 * Bounded, so an export of many distinct references keeps its memory flat: the names a
 * page uses are the last forgotten.
 */
import type { FieldManifest } from '../../manifest/schema';
import type { Store } from '../../store/store';
import type { AppItems, InstalledApp } from '../app-items';

const LIMIT = 20_000;
const CHUNK = 500;

export class ReferenceNames {
    private readonly users = new Map<string, string>();
    private readonly items = new Map<string, string>();

    constructor(private readonly store: Store, private readonly apps: AppItems, private readonly app: InstalledApp) {}

    /** The app key a SYS_COLLECTION field links to. */
    target(field: FieldManifest): string {
        return field.app!.includes('.') ? field.app! : `${this.app.namespace}.${field.app}`;
    }

    /** Loads what `user` and `item` will be asked for next. */
    async load(references: { users: Set<string>; items: Map<FieldManifest, Set<string>> }): Promise<void> {
        const users = [...references.users].filter((id) => !this.touch(this.users, id));
        for (let i = 0; i < users.length; i += CHUNK) {
            const found = await this.store.system.users.list({ where: { kind: 'in', field: '__id', values: users.slice(i, i + CHUNK) }, size: CHUNK });
            for (const u of found) this.remember(this.users, u.id, u.fullname || u.login);
        }
        for (const [field, ids] of references.items) {
            const key = this.target(field);
            if (!this.apps.has(key)) continue;
            const missing = [...ids].filter((id) => !this.touch(this.items, `${key}:${id}`));
            for (let i = 0; i < missing.length; i += CHUNK) {
                const rows = await this.apps.find(key, { where: { kind: 'in', field: '__id', values: missing.slice(i, i + CHUNK) }, size: CHUNK, withDeleted: true });
                for (const row of rows) this.remember(this.items, `${key}:${row.__id}`, String(row.__name ?? ''));
            }
        }
    }

    /** The user's name, or the id of a user that no longer exists. */
    user(id: string): string {
        return this.users.get(id) ?? id;
    }

    item(appKey: string, id: string): string {
        return this.items.get(`${appKey}:${id}`) ?? id;
    }

    /** Whether the name is known; a known one moves to the end of the forgetting order. */
    private touch(names: Map<string, string>, key: string): boolean {
        const name = names.get(key);
        if (name === undefined) return false;
        names.delete(key);
        names.set(key, name);
        return true;
    }

    private remember(names: Map<string, string>, key: string, name: string): void {
        if (names.size >= LIMIT) names.delete(names.keys().next().value!);
        names.set(key, name);
    }
}
