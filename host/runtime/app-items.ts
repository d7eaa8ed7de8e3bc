/**
 * Items of installed apps: validation, base fields, soft delete and item events. The HTTP
 * item API and scripts both write through here, so both get the same checks.
 */
import { randomUUID } from 'node:crypto';
import type { AppManifest, FieldManifest } from '../manifest/schema';
import { HostError } from '../errors';
import type { AppTable, Query, Row, Store } from '../store/store';
import { checkValue, toJson } from './field-values';

/** An installed app, as the runtime knows it. */
export interface InstalledApp {
    extensionId: string;
    namespace: string;
    manifest: AppManifest;
    table: AppTable;
}

export type ItemEventKind = 'item_create' | 'item_update' | 'item_delete';

const nameField: FieldManifest = { code: '__name', name: 'Name', type: 'STRING', required: true, multiple: false, list: true };

export class AppItems {
    private readonly apps = new Map<string, InstalledApp>();

    /** @param queued wakes the event dispatcher after an item event was queued. */
    constructor(private readonly store: Store, private readonly queued: () => void = () => undefined) {}

    register(app: InstalledApp): void {
        this.apps.set(app.table.key, app);
    }

    unregisterExtension(extensionId: string): void {
        for (const [key, app] of this.apps) if (app.extensionId === extensionId) this.apps.delete(key);
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
        for (const key of Object.keys(input)) {
            if (key !== '__name' && !app.manifest.fields.some((f) => f.code === key)) problems[key] = 'unknown field';
        }
        const fields = [nameField, ...app.manifest.fields];
        for (const field of fields) {
            if (!(field.code in input)) {
                if (creating && field.required) problems[field.code] = 'is required';
                continue;
            }
            const raw = input[field.code];
            const checked = checkValue(field, typeof raw === 'string' && field.code === '__name' ? raw.trim() : raw);
            if (!checked.ok) problems[field.code] = checked.problem;
            else out[field.code] = checked.value;
        }
        await this.checkReferences(app, out, problems);
        if (Object.keys(problems).length > 0) {
            throw new HostError('VALIDATION_FAILED', `Some values of ${app.manifest.name} are not valid`, { fields: problems });
        }
        return out;
    }

    private async checkReferences(app: InstalledApp, values: Record<string, unknown>, problems: Record<string, string>): Promise<void> {
        for (const field of app.manifest.fields) {
            const value = values[field.code];
            if (value === null || value === undefined) continue;
            const ids = Array.isArray(value) ? (value as string[]) : [value as string];
            for (const id of ids) {
                if (field.type === 'SYS_USER' && !(await this.store.system.users.get(id))) problems[field.code] = `no user ${id}`;
                if (field.type === 'SYS_COLLECTION') {
                    const target = this.apps.get(field.app!.includes('.') ? field.app! : `${app.namespace}.${field.app}`);
                    if (target && !(await this.store.get(target.table, id))) problems[field.code] = `no item ${id}`;
                }
            }
        }
    }

    private async event(app: InstalledApp, kind: ItemEventKind, id: string): Promise<void> {
        await this.store.system.outbox.add(app.extensionId, kind, { app: app.table.key, id });
        this.queued();
    }

    async create(key: string, input: Record<string, unknown>, actor: string | null): Promise<Row> {
        const app = this.app(key);
        const values = await this.check(app, input, true);
        const now = Date.now();
        const row: Row = {
            ...values,
            __id: randomUUID(),
            __createdAt: now, __createdBy: actor, __updatedAt: now, __updatedBy: actor, __deletedAt: null,
            __status: app.manifest.statuses?.[0]?.code ?? null,
        };
        await this.store.transaction(async () => {
            await this.store.insert(app.table, row);
            await this.event(app, 'item_create', row.__id);
        });
        return (await this.store.get(app.table, row.__id))!;
    }

    async update(key: string, id: string, input: Record<string, unknown>, actor: string | null): Promise<Row> {
        const app = this.app(key);
        const values = await this.check(app, input, false);
        await this.store.transaction(async () => {
            const current = await this.store.get(app.table, id);
            if (!current || current.__deletedAt !== null) throw new HostError('NOT_FOUND', `No item ${id} in ${key}`);
            await this.store.update(app.table, id, { ...values, __updatedAt: Date.now(), __updatedBy: actor });
            await this.event(app, 'item_update', id);
        });
        return (await this.store.get(app.table, id))!;
    }

    async setStatus(key: string, id: string, status: string, actor: string | null): Promise<Row> {
        const app = this.app(key);
        if (!app.manifest.statuses?.some((s) => s.code === status)) {
            throw new HostError('VALIDATION_FAILED', `${status} is not a status of ${app.manifest.name}`, { fields: { __status: 'unknown status' } });
        }
        await this.store.transaction(async () => {
            if (!(await this.store.update(app.table, id, { __status: status, __updatedAt: Date.now(), __updatedBy: actor }))) {
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
            await this.store.update(app.table, id, { __deletedAt: Date.now(), __updatedAt: Date.now(), __updatedBy: actor });
            await this.event(app, 'item_delete', id);
        });
    }

    async get(key: string, id: string): Promise<Row | undefined> {
        return this.store.get(this.app(key).table, id);
    }

    async find(key: string, query: Query): Promise<Row[]> {
        return this.store.find(this.app(key).table, query);
    }

    async count(key: string, query: Query): Promise<number> {
        return this.store.count(this.app(key).table, query);
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
