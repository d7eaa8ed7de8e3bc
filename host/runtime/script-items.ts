/**
 * Items, references and searches as scripts see them (`@brix/sdk` items.d.ts): values as
 * TDatetime, refs and enums; writes go through AppItems with the calling user as actor.
 */
import type { FieldManifest } from '../manifest/schema';
import { HostError } from '../errors';
import type { AggregateRow, Aggregation, CompareOp, Filter, Query, Row } from '../store/store';
import type { AppItems } from './app-items';
import { Duration, isDate, TDate, TDatetime } from './datetime';
import { checkValue, sameValue } from './field-values';
import { copyJson } from './json-copy';
import type { UsersApi } from './script-users';

/** What script objects need from the call they run in. */
export interface ScriptScope {
    items: AppItems;
    users: UsersApi;
    /** The user the call runs for, recorded as the author of writes. */
    actor(): string | null;
}

const baseKeys = ['__id', '__createdAt', '__createdBy', '__updatedAt', '__updatedBy', '__deletedAt', '__status'];
/** The platform's own keys: never written by a save. */
const readOnlyKeys = new Set(baseKeys);

/**
 * Whether a value a script still holds as it was loaded (the very same value) can be taken as
 * unchanged without checking it: primitives, immutable dates and durations, and a single
 * reference (nobody edits a reference's id in place). Enums, lists and JSON values are
 * objects a script may change in place, so they are compared.
 */
function untouchable(field: FieldManifest | undefined, value: unknown): boolean {
    if (typeof value !== 'object' || value === null || value instanceof TDatetime || value instanceof TDate || value instanceof Duration) return true;
    return Boolean(field && !field.multiple && (field.type === 'SYS_USER' || field.type === 'SYS_COLLECTION'));
}

export function userRef(scope: ScriptScope, id: string) {
    return {
        id,
        fetch: async () => {
            const user = await scope.users.get(id);
            if (!user) throw new HostError('NOT_FOUND', `No user ${id}`);
            return user;
        },
        toJSON: () => id,
    };
}

export function itemRef(scope: ScriptScope, appKey: string, id: string) {
    return {
        id,
        app: appKey,
        fetch: async () => {
            const row = await scope.items.get(appKey, id);
            if (!row) throw new HostError('NOT_FOUND', `No item ${id} in ${appKey}`);
            return new ScriptItem(scope, appKey, row);
        },
        toJSON: () => id,
    };
}

/** What a field needs to turn stored values into script ones, worked out once per field. */
const fieldFacts = new WeakMap<FieldManifest, { target: string; options: Map<unknown, string> }>();
function factsOf(appKey: string, field: FieldManifest) {
    let facts = fieldFacts.get(field);
    if (!facts) {
        const target = field.app ? (field.app.includes('.') ? field.app : `${appKey.split('.')[0]}.${field.app}`) : '';
        facts = { target, options: new Map((field.options ?? []).map((o) => [o.code, o.name])) };
        fieldFacts.set(field, facts);
    }
    return facts;
}

function toScript(scope: ScriptScope, appKey: string, field: FieldManifest, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const many = <T>(f: (v: unknown) => T) => (Array.isArray(value) ? value.map(f) : f(value));
    switch (field.type) {
        case 'DATETIME': return new TDatetime(value as number);
        case 'DATE': return TDate.parse(value as string) ?? null;
        case 'DURATION': return new Duration(value as number);
        case 'ENUM': {
            const { options } = factsOf(appKey, field);
            return many((code) => ({ code, name: options.get(code) ?? String(code) }));
        }
        case 'SYS_USER': return many((id) => userRef(scope, id as string));
        case 'SYS_COLLECTION': {
            const { target } = factsOf(appKey, field);
            return many((id) => itemRef(scope, target, id as string));
        }
        // JSON values are objects the script may change: each item gets its own copy. Text and numbers need none.
        default: return typeof value === 'object' ? copyJson(value) : value;
    }
}

/** An app's fields by code, worked out once per manifest (a save looks up each key it writes). */
const fieldMaps = new WeakMap<readonly FieldManifest[], Map<string, FieldManifest>>();
function fieldsByCode(fields: readonly FieldManifest[]): Map<string, FieldManifest> {
    let map = fieldMaps.get(fields);
    if (!map) fieldMaps.set(fields, (map = new Map(fields.map((f) => [f.code, f]))));
    return map;
}

function unchanged(field: FieldManifest, value: unknown, loaded: unknown): boolean {
    const checked = checkValue(field, value);
    return checked.ok && sameValue(checked.value, loaded ?? null);
}

const ownSelf = Symbol('lazy values');

/**
 * A loaded item's values, each turned into its script form on first use. An item is loaded
 * whole but a script reads a few of its fields (a session has 35), and making dates,
 * references and copies of JSON values for all of them was the biggest cost of a load. A
 * value read or set is kept in `values`; one never touched was never changed, so a save
 * need not look at it.
 */
class LazyValues {
    /** What the script has read or set, as it is now. */
    readonly values: Record<string, unknown> = {};
    /** Each value as it was first read: one still in place and untouchable needs no check on save. */
    readonly initial: Record<string, unknown> = {};
    /** Stored keys the script deleted: not read from the row again. Rare, so made when needed. */
    private deleted: Set<string> | undefined;

    constructor(readonly scope: ScriptScope, readonly app: string, readonly row: Row, readonly shape: AppShape) {
        this.values.__id = row.__id;
        this.values.__name = row.__name ?? '';
    }

    /** Whether `key` is a stored value not yet read (nor set or deleted). */
    pending(key: string | symbol): key is string {
        return typeof key === 'string' && this.shape.lazy.has(key) && !Object.hasOwn(this.values, key) && !this.deleted?.has(key);
    }

    /** Converts a pending key now; a key set, deleted or already read is left as it is. */
    settle(key: string | symbol): void {
        if (!this.pending(key)) return;
        const value = this.shape.convert(this, key);
        this.values[key] = value;
        this.initial[key] = value;
    }

    settleAll(): void {
        for (const key of this.shape.lazyKeys) this.settle(key);
    }

    /** The script set `key`: whatever it held is replaced. */
    assigned(key: string | symbol): void {
        if (typeof key === 'string') this.deleted?.delete(key);
    }

    /** Marks the object itself, as against the proxy in front of it (whose keys are the values). */
    readonly [ownSelf] = true;

    /** What `console.log(item.data)` shows: the values as a script enumerates them, not this loader. */
    [Symbol.for('nodejs.util.inspect.custom')](this: LazyValues | Record<string, unknown>, _depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
        // Node 20 calls it on the proxy; called on the object itself, it goes through a proxy too.
        const data = (this as LazyValues)[ownSelf] ? new Proxy(this as LazyValues, lazyHandler) : this;
        return inspect({ ...data }, options);
    }

    /** The script deleted `key`: a stored value is not read again. */
    removed(key: string | symbol): void {
        if (typeof key === 'string' && this.shape.lazy.has(key)) (this.deleted ??= new Set()).add(key);
    }
}

/** The proxy handler every loaded item's `data` shares: its target is the item's LazyValues. */
const lazyHandler: ProxyHandler<LazyValues> = {
    get(t, key) {
        t.settle(key);
        return t.values[key as string];
    },
    set(t, key, value) {
        t.assigned(key);
        t.values[key as string] = value;
        return true;
    },
    deleteProperty(t, key) {
        t.removed(key);
        return delete t.values[key as string];
    },
    has(t, key) {
        return t.pending(key) || key in t.values;
    },
    ownKeys(t) {
        t.settleAll();
        // In the app's field order, then whatever the script added.
        const keys = t.shape.allKeys.filter((k) => Object.hasOwn(t.values, k));
        for (const k of Reflect.ownKeys(t.values)) if (!t.shape.keySet.has(k as string)) keys.push(k as string);
        return keys;
    },
    getOwnPropertyDescriptor(t, key) {
        t.settle(key);
        const d = Reflect.getOwnPropertyDescriptor(t.values, key);
        // Reported as configurable: the target (the LazyValues) never has these as its own.
        return d && { ...d, configurable: true };
    },
    defineProperty(t, key, descriptor) {
        t.assigned(key);
        return Reflect.defineProperty(t.values, key, descriptor);
    },
};

/** What turning an app's rows into script values needs, worked out once per manifest. */
interface AppShape {
    /** Every key of a loaded item's data, in order. */
    allKeys: string[];
    keySet: Set<string>;
    /** The keys converted on first use (all but `__id` and `__name`). */
    lazyKeys: string[];
    lazy: Set<string>;
    convert(t: LazyValues, key: string): unknown;
}

const shapes = new WeakMap<readonly FieldManifest[], AppShape>();
function shapeOf(installed: ReturnType<AppItems['app']>): AppShape {
    const { fields } = installed.manifest;
    let shape = shapes.get(fields);
    if (shape) return shape;
    const byCode = fieldsByCode(fields);
    const lazyKeys = [...baseKeys.filter((k) => k !== '__id'), ...fields.map((f) => f.code)];
    const allKeys = ['__id', '__name', ...lazyKeys];
    shape = {
        allKeys, lazyKeys, lazy: new Set(lazyKeys), keySet: new Set(allKeys),
        convert(t, key) {
            const { row, scope } = t;
            switch (key) {
                case '__createdAt': case '__updatedAt': return new TDatetime(row[key] as number);
                case '__deletedAt': return row.__deletedAt === null || row.__deletedAt === undefined ? null : new TDatetime(row.__deletedAt as number);
                case '__createdBy': case '__updatedBy': return row[key] ? userRef(scope, row[key] as string) : null;
                case '__status': {
                    const status = scope.items.app(t.app).manifest.statuses?.find((s) => s.code === row.__status);
                    return status ? { ...status } : null;
                }
            }
            const field = byCode.get(key);
            return field ? toScript(scope, t.app, field, row[key]) : undefined;
        },
    };
    shapes.set(fields, shape);
    return shape;
}

export class ScriptItem {
    data: Record<string, unknown> = {};
    /** The row as loaded: a save writes only what the script changed since, never stale copies of the rest. */
    private loaded: Row | undefined;
    /** The values behind `data` as load made it (a script may put another object in its place). */
    private lazy: { data: object; values: LazyValues } | undefined;

    constructor(private readonly scope: ScriptScope, readonly app: string, row?: Row) {
        this.load(row);
    }

    get id(): string {
        return (this.data.__id as string) ?? '';
    }

    private load(row: Row | undefined): void {
        const installed = this.scope.items.app(this.app);
        this.loaded = row;
        if (row) {
            const lazy = new LazyValues(this.scope, this.app, row, shapeOf(installed));
            const data = new Proxy(lazy, lazyHandler) as unknown as Record<string, unknown>;
            this.lazy = { data, values: lazy };
            this.data = data;
            return;
        }
        this.lazy = undefined;
        // A new item: every field empty, written whole on its first save.
        const data: Record<string, unknown> = { __id: '', __name: '' };
        for (const field of installed.manifest.fields) data[field.code] = null;
        this.data = data;
    }

    /**
     * The fields to write: all of a new item; of a loaded one, those the script changed. Two
     * scripts that loaded the same item and change different fields then both keep their change.
     */
    private writable(): Record<string, unknown> {
        const fields = fieldsByCode(this.scope.items.app(this.app).manifest.fields);
        const lazy = this.lazy?.data === this.data ? this.lazy.values : undefined;
        // Of a loaded item, only what the script read or set can have changed.
        const source = lazy ? lazy.values : this.data;
        const out: Record<string, unknown> = {};
        // Keys, not entries: a pair per field made a new item's save allocate thirty arrays.
        for (const key of Object.keys(source)) {
            const value = source[key];
            if (readOnlyKeys.has(key)) continue;
            const field = key === '__name' ? undefined : fields.get(key);
            if (lazy && Object.hasOwn(lazy.initial, key) && value === lazy.initial[key] && untouchable(field, value)) continue;
            if (this.loaded && (key === '__name' ? value === this.loaded.__name : field && unchanged(field, value, this.loaded[key]))) continue;
            out[key] = value;
        }
        return out;
    }

    async save(): Promise<void> {
        const values = this.writable();
        // Nothing changed: nothing to write, not even a read.
        if (this.id && Object.keys(values).length === 0) return;
        const row = this.id
            ? await this.scope.items.update(this.app, this.id, values, this.scope.actor(), true)
            : await this.scope.items.create(this.app, values, this.scope.actor());
        this.load(row);
    }

    async delete(): Promise<void> {
        if (!this.id) throw new HostError('NOT_FOUND', 'The item was never saved');
        await this.scope.items.remove(this.app, this.id, this.scope.actor());
        await this.reload();
    }

    async setStatus(status: { code: string } | string, _comment?: string): Promise<void> {
        if (!this.id) await this.save();
        const row = await this.scope.items.setStatus(this.app, this.id, typeof status === 'string' ? status : status.code, this.scope.actor());
        this.load(row);
    }

    getRef() {
        return itemRef(this.scope, this.app, this.id);
    }

    async reload(): Promise<void> {
        if (this.id) this.load(await this.scope.items.get(this.app, this.id));
    }
}

/** A script value as the store compares it: moments as ms, refs as ids, enums as codes. */
export function comparable(value: unknown): unknown {
    if (value instanceof TDatetime) return value.getTime();
    if (isDate(value)) return value.getTime();
    if (value instanceof Duration) return value.asMilliseconds();
    if (value instanceof TDate) return value.toString();
    if (typeof value === 'object' && value !== null) {
        const v = value as Record<string, unknown>;
        if (typeof v.id === 'string') return v.id;
        if (typeof v.code === 'string') return v.code;
    }
    return value;
}

type Operands = Record<string, (v: unknown) => Filter>;

/** A field's operands hold nothing but its name: made once per name and shared by every search. */
const operandsByField = new Map<string, Operands>();

function operandsOf(field: string): Operands {
    const known = operandsByField.get(field);
    if (known) return known;
    const cmp = (op: CompareOp) => (value: unknown): Filter => ({ kind: 'cmp', field, op, value: comparable(value) });
    // Frozen: one script cannot change what another's search means.
    const operands: Operands = Object.freeze({
        eq: cmp('eq'), neq: cmp('neq'), gt: cmp('gt'), gte: cmp('gte'), lt: cmp('lt'), lte: cmp('lte'), like: cmp('like'),
        in: (values: unknown): Filter => ({ kind: 'in', field, values: (values as unknown[]).map(comparable) }),
    });
    // Names come from script code, so they are few; a script making them up cannot grow this without bound.
    if (operandsByField.size < 10_000) operandsByField.set(field, operands);
    return operands;
}

/** The `f` of `where((f, g) => ...)`: any property is a field operand. */
const operandProxy = new Proxy({}, { get: (_t, field: string) => operandsOf(field) }) as Record<string, Operands>;

export function fieldOperands(): Record<string, Operands> {
    return operandProxy;
}

export const globalFilters = {
    and: (...items: Filter[]): Filter => ({ kind: 'and', items }),
    or: (...items: Filter[]): Filter => ({ kind: 'or', items }),
    not: (item: Filter): Filter => ({ kind: 'not', item }),
    fts: (text: string): Filter => ({ kind: 'fts', text }),
};

/** Whether a filter tree names a field (deleted items are shown when it names `__deletedAt`). */
export function mentions(filter: Filter | undefined, field: string): boolean {
    if (!filter) return false;
    switch (filter.kind) {
        case 'and': case 'or': return filter.items.some((f) => mentions(f, field));
        case 'not': return mentions(filter.item, field);
        case 'cmp': case 'in': return filter.field === field;
        default: return false;
    }
}

/**
 * The chained search of the SDK, over any source of rows. Each call sets a part of the one
 * query in place: `{ ...query, part }` costs about a microsecond per added key in this V8
 * (the spread's copy takes a slow path when keys follow it), and a script builds several
 * searches per message.
 */
export class ScriptSearch<T> {
    private readonly query: Query = { where: undefined, sort: undefined, from: undefined, size: 10, withDeleted: false };

    constructor(private readonly run: {
        find(q: Query): Promise<T[]>;
        count(q: Query): Promise<number>;
        aggregate?(q: Query, a: Aggregation): Promise<AggregateRow[]>;
    }) {}

    where(build: (f: ReturnType<typeof fieldOperands>, g: typeof globalFilters) => Filter): this {
        const where = build(fieldOperands(), globalFilters);
        this.query.where = where;
        this.query.withDeleted = mentions(where, '__deletedAt');
        return this;
    }

    sort(field: string, ascending = true): this {
        (this.query.sort ??= []).push({ field, asc: ascending });
        return this;
    }

    from(offset: number): this {
        if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`from() takes a whole number >= 0, got ${offset}`);
        this.query.from = offset;
        return this;
    }

    size(size: number): this {
        if (!Number.isInteger(size) || size < 1 || size > 10_000) throw new RangeError(`size() takes 1 to 10000, got ${size}`);
        this.query.size = size;
        return this;
    }

    /** The query as it stands, as its own object: a search may be changed and run again after. */
    private snapshot(size = this.query.size): Query {
        const q = this.query;
        return { where: q.where, sort: q.sort && q.sort.slice(), from: q.from, size, withDeleted: q.withDeleted };
    }

    all(): Promise<T[]> {
        return this.run.find(this.snapshot());
    }

    /** Not async (one promise fewer per search); a source that throws still rejects. */
    first(): Promise<T | undefined> {
        try {
            return this.run.find(this.snapshot(1)).then((rows) => rows[0]);
        } catch (error) {
            return Promise.reject(error);
        }
    }

    count(): Promise<number> {
        return this.run.count(this.snapshot());
    }

    /** Groups the matching items and computes numbers per group in the store (`from`, `size` and `sort` do not apply). */
    aggregate(spec: Partial<Aggregation>): Promise<AggregateRow[]> {
        if (!this.run.aggregate) throw new HostError('BAD_REQUEST', 'This search cannot aggregate');
        const list = (v: unknown, name: string): string[] => {
            if (v === undefined) return [];
            if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new TypeError(`aggregate(): ${name} is a list of field codes`);
            return v as string[];
        };
        return this.run.aggregate({ where: this.query.where, withDeleted: this.query.withDeleted }, {
            groupBy: list(spec.groupBy, 'groupBy'), sum: list(spec.sum, 'sum'), max: list(spec.max, 'max'), min: list(spec.min, 'min'),
        });
    }
}

/** `Namespace.app.<code>`. */
export function appHandle(scope: ScriptScope, appKey: string) {
    return {
        code: appKey,
        create: () => new ScriptItem(scope, appKey),
        search: () => new ScriptSearch<ScriptItem>({
            find: (q) => scope.items.find(appKey, q).then((rows) => rows.map((row) => new ScriptItem(scope, appKey, row))),
            count: (q) => scope.items.count(appKey, q),
            aggregate: (q, a) => scope.items.aggregate(appKey, q, a),
        }),
    };
}
