/**
 * Items of installed apps: validation, base fields, soft delete and item events. The HTTP
 * item API and scripts both write through here, so both get the same checks.
 */
import { randomUUID } from 'node:crypto';
import type { AppManifest, FieldManifest, PermissionAction } from '../manifest/schema';
import { HostError } from '../errors';
import { isListField, type AggregateRow, type Aggregation, type AppTable, type Query, type Row, type Store } from '../store/store';
import { checkValue, sameValue as same, toJson } from './field-values';

/** An installed app, as the runtime knows it. */
export interface InstalledApp {
    extensionId: string;
    namespace: string;
    manifest: AppManifest;
    table: AppTable;
    /** The item events a handler listens to; no outbox row is written for the others. */
    handled: readonly ItemEventKind[];
    /** Who may do what, as an administrator set it; the manifest's `permissions` when unset (app-access.ts). */
    access?: Record<PermissionAction, string[]>;
}

export type ItemEventKind = 'item_create' | 'item_update' | 'item_delete';

/** A write an app's `beforeWrite` script is asked about, inside the write's transaction. */
export interface PendingWrite {
    app: InstalledApp;
    action: 'create' | 'update' | 'delete';
    /** The row as it will be stored. */
    row: Row;
    /** The row as it was; null on create. */
    previous: Row | null;
    actor: string | null;
}

const nameField: FieldManifest = { code: '__name', name: 'Name', type: 'STRING', required: true, multiple: false, list: true };

/**
 * A new item's id: a UUID of version 7 (RFC 9562), whose first 48 bits are the time in
 * milliseconds and the rest random. New rows then go to the end of every index on the id
 * instead of to a random page of it, which kept a whole table's worth of pages hot and made
 * each commit write more of them.
 */
export function timeOrderedId(): string {
    const time = Date.now().toString(16).padStart(12, '0');
    const random = randomUUID();
    return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

/** What checking an app's values needs, worked out once per manifest: every write checks. */
interface AppShape {
    /** The fields a write may name, `__name` among them. */
    byCode: Map<string, FieldManifest>;
    required: FieldManifest[];
    references: FieldManifest[];
    /** Every field empty: what a new item starts from. */
    empty: Record<string, null>;
}
const shapes = new WeakMap<AppManifest, AppShape>();
function shapeOf(manifest: AppManifest): AppShape {
    let shape = shapes.get(manifest);
    if (!shape) {
        const fields = [nameField, ...manifest.fields];
        shape = {
            byCode: new Map(fields.map((f) => [f.code, f])),
            required: fields.filter((f) => f.required),
            references: manifest.fields.filter((f) => f.type === 'SYS_USER' || f.type === 'SYS_COLLECTION'),
            empty: Object.fromEntries(manifest.fields.map((f) => [f.code, null])),
        };
        shapes.set(manifest, shape);
    }
    return shape;
}

/** A referenced item or user not yet known to exist, to be looked up. */
interface UncheckedReference {
    field: FieldManifest;
    target: InstalledApp | undefined;
    id: string;
    key: string;
}

export class AppItems {
    private readonly apps = new Map<string, InstalledApp>();
    /** References already found in the current transaction: each is checked once per transaction. */
    private readonly verified = new WeakMap<object, Set<string>>();
    /**
     * Items and users known to exist, once committed: rows are never removed (deleting marks
     * them; only purging an extension drops its tables, which forgets them here), so a
     * reference to one of them needs no read. Bounded; the oldest are forgotten first.
     */
    private readonly known = new Set<string>();

    /**
     * @param queued wakes the event dispatcher after an item event was queued.
     * @param beforeWrite runs an app's `beforeWrite` script; throwing refuses the write.
     */
    constructor(
        private readonly store: Store,
        private readonly queued: () => void = () => undefined,
        private readonly beforeWrite: (write: PendingWrite) => Promise<void> = async () => undefined,
    ) {}

    /**
     * Asks the app's `beforeWrite` script, if it has one; apps without one pay nothing, not
     * even a promise (the helpers on the write path answer `undefined` when they have nothing
     * to wait for: each promise costs about a microsecond with the host's async contexts).
     */
    private vet(app: InstalledApp, action: PendingWrite['action'], row: Row, previous: Row | null, actor: string | null): Promise<void> | undefined {
        return app.manifest.beforeWrite ? this.beforeWrite({ app, action, row, previous, actor }) : undefined;
    }

    register(app: InstalledApp): void {
        this.apps.set(app.table.key, app);
    }

    unregisterExtension(extensionId: string): void {
        for (const [key, app] of this.apps) if (app.extensionId === extensionId) this.apps.delete(key);
        this.known.clear();
    }

    /** Remembers that `key` exists, in this transaction at once and for good once it commits. */
    private exists(key: string): void {
        const scope = this.store.transactionScope();
        if (scope) {
            if (!this.verified.has(scope)) this.verified.set(scope, new Set());
            this.verified.get(scope)!.add(key);
        }
        this.store.afterCommit(() => {
            if (this.known.size >= 100_000) this.known.delete(this.known.values().next().value!);
            this.known.add(key);
        });
    }

    /** The app `namespace.code`. @throws HostError NOT_FOUND */
    app(key: string): InstalledApp {
        const app = this.apps.get(key);
        if (!app) throw new HostError('NOT_FOUND', `No app ${key}`);
        return app;
    }

    has(key: string): boolean {
        return this.apps.has(key);
    }

    all(): InstalledApp[] {
        return [...this.apps.values()];
    }

    /** Checks the values sent for an app and turns them into store form. */
    private async check(app: InstalledApp, input: Record<string, unknown>, creating: boolean): Promise<Record<string, unknown>> {
        const problems: Record<string, string> = {};
        const out: Record<string, unknown> = {};
        const { byCode, required } = shapeOf(app.manifest);
        for (const key of Object.keys(input)) {
            const field = byCode.get(key);
            if (!field) {
                problems[key] = 'unknown field';
                continue;
            }
            const raw = input[key];
            const checked = checkValue(field, typeof raw === 'string' && key === '__name' ? raw.trim() : raw);
            if (!checked.ok) problems[key] = checked.problem;
            else out[key] = checked.value;
        }
        if (creating) for (const field of required) if (!(field.code in input)) problems[field.code] = 'is required';
        const checking = this.checkReferences(app, out, problems);
        if (checking) await checking;
        if (Object.keys(problems).length > 0) {
            throw new HostError('VALIDATION_FAILED', `Some values of ${app.manifest.name} are not valid`, { fields: problems });
        }
        return out;
    }

    /** Looks up the referenced items not known to exist yet; `undefined` when all are known. */
    private checkReferences(app: InstalledApp, values: Record<string, unknown>, problems: Record<string, string>): Promise<void> | undefined {
        const scope = this.store.transactionScope();
        const seen = scope ? this.verified.get(scope) : undefined;
        const unknown: UncheckedReference[] = [];
        for (const field of shapeOf(app.manifest).references) {
            const value = values[field.code];
            if (value === null || value === undefined) continue;
            const target = field.type === 'SYS_COLLECTION' ? this.apps.get(field.app!.includes('.') ? field.app! : `${app.namespace}.${field.app}`) : undefined;
            for (const id of Array.isArray(value) ? (value as string[]) : [value as string]) {
                const key = `${target?.table.key ?? 'user'}:${id}`;
                if (!this.known.has(key) && !seen?.has(key)) unknown.push({ field, target, id, key });
            }
        }
        return unknown.length ? this.lookUp(unknown, problems) : undefined;
    }

    private async lookUp(refs: UncheckedReference[], problems: Record<string, string>): Promise<void> {
        for (const { field, target, id, key } of refs) {
            const found = field.type === 'SYS_USER' ? Boolean(await this.store.system.users.get(id)) : !target || Boolean(await this.store.get(target.table, id));
            if (!found) problems[field.code] = field.type === 'SYS_USER' ? `no user ${id}` : `no item ${id}`;
            else this.exists(key);
        }
    }

    /** Queues the event for its handlers, in the caller's transaction; nothing when no handler listens. */
    private event(app: InstalledApp, kind: ItemEventKind, id: string): Promise<void> | undefined {
        return app.handled.includes(kind) ? this.queueEvent(app, kind, id) : undefined;
    }

    private async queueEvent(app: InstalledApp, kind: ItemEventKind, id: string): Promise<void> {
        await this.store.system.outbox.add(app.extensionId, kind, { app: app.table.key, id });
        this.queued();
    }

    async create(key: string, input: Record<string, unknown>, actor: string | null): Promise<Row> {
        const app = this.app(key);
        const values = await this.check(app, input, true);
        const now = Date.now();
        // Assigned key by key: a spread followed by more keys takes a slow path in this V8 (about a microsecond a key).
        const row = Object.assign({}, shapeOf(app.manifest).empty, values) as Row;
        row.__id = timeOrderedId();
        row.__createdAt = now;
        row.__createdBy = actor;
        row.__updatedAt = now;
        row.__updatedBy = actor;
        row.__deletedAt = null;
        row.__status = app.manifest.statuses?.[0]?.code ?? null;
        await this.store.transaction(async () => {
            const vetting = this.vet(app, 'create', row, null, actor);
            if (vetting) await vetting;
            await this.store.insert(app.table, row);
            const queuing = this.event(app, 'item_create', row.__id);
            if (queuing) await queuing;
            this.exists(`${key}:${row.__id}`);
        });
        // What was written is what a read would give: no second trip to the store.
        return row;
    }

    /**
     * Writes the values that differ from the stored item; a save that changes nothing writes
     * nothing and raises no event.
     * @param changedOnly the caller sends only what it changed since it read the item (a
     * script's save): written without reading the item first, unless a `beforeWrite` script
     * must see it as it was.
     */
    async update(key: string, id: string, input: Record<string, unknown>, actor: string | null, changedOnly = false): Promise<Row> {
        const app = this.app(key);
        const values = await this.check(app, input, false);
        if (changedOnly && !app.manifest.beforeWrite && Object.keys(values).length > 0) {
            return this.store.transaction(async () => {
                // `values` is check()'s own copy: stamped in place rather than spread into another.
                values.__updatedAt = Date.now();
                values.__updatedBy = actor;
                const row = await this.store.updateLive(app.table, id, values);
                if (!row) throw new HostError('NOT_FOUND', `No item ${id} in ${key}`);
                const queuing = this.event(app, 'item_update', id);
                if (queuing) await queuing;
                return row;
            });
        }
        return this.store.transaction(async () => {
            const current = await this.store.get(app.table, id);
            if (!current || current.__deletedAt !== null) throw new HostError('NOT_FOUND', `No item ${id} in ${key}`);
            const changed = Object.fromEntries(Object.entries(values).filter(([code, value]) => !same(value, current[code])));
            if (Object.keys(changed).length === 0) return current;
            const patch = { ...changed, __updatedAt: Date.now(), __updatedBy: actor };
            await this.vet(app, 'update', { ...current, ...patch } as Row, current, actor);
            await this.store.update(app.table, id, patch);
            await this.event(app, 'item_update', id);
            return { ...current, ...patch } as Row;
        });
    }

    async setStatus(key: string, id: string, status: string, actor: string | null): Promise<Row> {
        const app = this.app(key);
        if (!app.manifest.statuses?.some((s) => s.code === status)) {
            throw new HostError('VALIDATION_FAILED', `${status} is not a status of ${app.manifest.name}`, { fields: { __status: 'unknown status' } });
        }
        await this.store.transaction(async () => {
            const patch = { __status: status, __updatedAt: Date.now(), __updatedBy: actor };
            if (app.manifest.beforeWrite) {
                const current = await this.store.get(app.table, id);
                if (current) await this.vet(app, 'update', { ...current, ...patch } as Row, current, actor);
            }
            if (!(await this.store.update(app.table, id, patch))) {
                throw new HostError('NOT_FOUND', `No item ${id} in ${key}`);
            }
            await this.event(app, 'item_update', id);
        });
        return (await this.store.get(app.table, id))!;
    }

    /** Marks an item deleted; it stays in the store for the deleted-items view. */
    async remove(key: string, id: string, actor: string | null): Promise<void> {
        const app = this.app(key);
        await this.store.transaction(async () => {
            const current = await this.store.get(app.table, id);
            if (!current || current.__deletedAt !== null) throw new HostError('NOT_FOUND', `No item ${id} in ${key}`);
            const patch = { __deletedAt: Date.now(), __updatedAt: Date.now(), __updatedBy: actor };
            await this.vet(app, 'delete', { ...current, ...patch } as Row, current, actor);
            await this.store.update(app.table, id, patch);
            await this.event(app, 'item_delete', id);
        });
    }

    async get(key: string, id: string): Promise<Row | undefined> {
        return this.store.get(this.app(key).table, id);
    }

    /** Not async, to add no promise of its own to each search (a message makes several); an unknown app still rejects. */
    find(key: string, query: Query): Promise<Row[]> {
        const app = this.apps.get(key);
        return app ? this.store.find(app.table, query) : Promise.reject(new HostError('NOT_FOUND', `No app ${key}`));
    }

    async count(key: string, query: Query): Promise<number> {
        return this.store.count(this.app(key).table, query);
    }

    /**
     * Groups and sums in the store, so a report over many rows reads one row per group.
     * @throws HostError BAD_REQUEST for a field that cannot be grouped or computed; TOO_MANY_GROUPS past `limit`.
     */
    async aggregate(key: string, query: Query, aggregation: Aggregation, limit = 100_000): Promise<AggregateRow[]> {
        const app = this.app(key);
        const field = (code: string) => app.manifest.fields.find((f) => f.code === code);
        const base = ['__createdAt', '__updatedAt', '__createdBy', '__updatedBy', '__status'];
        for (const code of aggregation.groupBy) {
            const f = field(code);
            if (!base.includes(code) && (!f || f.secret || isListField(f) || !['STRING', 'INTEGER', 'BOOLEAN', 'DATE', 'DATETIME', 'ENUM', 'SYS_USER', 'SYS_COLLECTION'].includes(f.type))) {
                throw new HostError('BAD_REQUEST', `${code} cannot form a group: a single-valued field is needed`, { field: code });
            }
        }
        for (const code of [...aggregation.sum, ...aggregation.max, ...aggregation.min]) {
            const f = field(code);
            if (!['__createdAt', '__updatedAt'].includes(code) && (!f || f.multiple || !['INTEGER', 'FLOAT', 'DURATION', 'DATETIME'].includes(f.type))) {
                throw new HostError('BAD_REQUEST', `${code} is not a number to compute with`, { field: code });
            }
        }
        const rows = await this.store.aggregate(app.table, query, aggregation, limit + 1);
        if (rows.length > limit) throw new HostError('TOO_MANY_GROUPS', `More than ${limit} groups: narrow the filter or group by less`, { limit });
        return rows;
    }

    /** A row as the HTTP API returns it: a secret field says only whether it is set. */
    json(key: string, row: Row): Record<string, unknown> {
        const app = this.app(key);
        const status = app.manifest.statuses?.find((s) => s.code === row.__status);
        const out: Record<string, unknown> = {
            __id: row.__id,
            __name: row.__name,
            __createdAt: new Date(row.__createdAt as number).toISOString(),
            __createdBy: row.__createdBy,
            __updatedAt: new Date(row.__updatedAt as number).toISOString(),
            __updatedBy: row.__updatedBy,
            __deletedAt: row.__deletedAt === null ? null : new Date(row.__deletedAt as number).toISOString(),
            __status: status ? { code: status.code, name: status.name, final: status.final } : null,
        };
        for (const field of app.manifest.fields) {
            out[field.code] = field.secret ? { set: row[field.code] !== null && row[field.code] !== undefined } : toJson(field, row[field.code]);
        }
        return out;
    }
}
