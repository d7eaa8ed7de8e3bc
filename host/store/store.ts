/**
 * The store contract. The host speaks only this; SQL dialects live in their own modules:
 * `sqlite/` (embedded, the default) and `postgres/` (shared by several host instances).
 *
 * Rows are in "store form": DATETIME and DURATION are milliseconds, BOOLEAN is boolean,
 * ENUM/SYS_USER/SYS_COLLECTION are codes or ids (arrays when `multiple`), complex types are
 * plain JSON values.
 */
import type { FieldManifest, FieldType } from '../manifest/schema';

/** The shape of one app's table. */
export interface AppTable {
    /** `namespace.code`. */
    key: string;
    fields: FieldManifest[];
    /** `sparse`: only rows with a value in every field are indexed (the manifest's option). */
    indexes: { fields: string[]; unique: boolean; sparse?: boolean }[];
}

export type Row = Record<string, unknown> & { __id: string };

export type CompareOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like';

/** A filter tree; field names are checked against the app before any SQL is built. */
export type Filter =
    | { kind: 'and' | 'or'; items: Filter[] }
    | { kind: 'not'; item: Filter }
    | { kind: 'cmp'; field: string; op: CompareOp; value: unknown }
    | { kind: 'in'; field: string; values: unknown[] }
    | { kind: 'fts'; text: string };

/**
 * Bounds of free-text search (`fts`). Each word becomes its own condition, and a database
 * refuses an expression nested deeper than about a thousand terms; a longer text is a
 * caller's mistake, answered as `SEARCH_TOO_LONG` rather than as a failure of the store.
 */
export const searchLimits = { maxWords: 32, maxLength: 500 } as const;

export interface Query {
    where?: Filter;
    sort?: { field: string; asc: boolean }[];
    from?: number;
    size?: number;
    /** Include deleted items (otherwise `__deletedAt` must be empty). */
    withDeleted?: boolean;
}

/** Per group of rows: the fields that form the group, and the numbers computed over it. */
export interface Aggregation {
    groupBy: string[];
    sum: string[];
    max: string[];
    min: string[];
}

/** One group: its `groupBy` values as stored, its row count, and each computed number. */
export interface AggregateRow {
    group: Record<string, unknown>;
    count: number;
    sum: Record<string, number>;
    max: Record<string, number | null>;
    min: Record<string, number | null>;
}

/** One change a migration makes, for the install log and its tests. */
export interface MigrationStep {
    app: string;
    action: 'create_table' | 'add_column' | 'create_index' | 'drop_index';
    detail: string;
}

export interface UserRecord {
    id: string;
    login: string;
    passwordHash: string;
    fullname: string;
    email: string | null;
    timezone: string;
    status: 'active' | 'blocked';
    groups: string[];
}

export interface GroupRecord {
    code: string;
    name: string;
    /** The extension that declared the group, or null for the host's own. */
    extensionId: string | null;
}

export interface ExtensionRecord {
    id: string;
    name: string;
    version: string;
    status: 'installed' | 'failed' | 'uninstalled';
    lastError: string | null;
    manifest: unknown;
    packageDir: string;
    installedAt: number;
    updatedAt: number;
}

export interface TimerRecord {
    key: string;
    extensionId: string;
    script: string;
    runAt: number;
    payload: unknown;
    /** Timers sharing a serial key never run at the same time; null when the timer has none. */
    serialKey: string | null;
}

export interface OutboxEvent {
    id: number;
    extensionId: string;
    kind: string;
    payload: unknown;
}

export interface NotificationRecord {
    id: string;
    userId: string;
    title: string;
    text: string;
    link: string | null;
    createdAt: number;
    readAt: number | null;
}

/** The host's own tables: users, groups, logins, extensions, timers, events, storage. */
export interface SystemStore {
    users: {
        create(user: Omit<UserRecord, 'groups'>): Promise<void>;
        get(id: string): Promise<UserRecord | undefined>;
        byLogin(login: string): Promise<UserRecord | undefined>;
        list(query: { where?: Filter; from?: number; size?: number }): Promise<UserRecord[]>;
        /** The users of these ids that exist, in the order asked, read together (those an instance knows need no read). */
        many(ids: readonly string[]): Promise<UserRecord[]>;
        count(where?: Filter): Promise<number>;
        setGroups(userId: string, groups: string[]): Promise<void>;
        setStatus(userId: string, status: UserRecord['status']): Promise<void>;
    };
    groups: {
        upsert(group: GroupRecord): Promise<void>;
        list(): Promise<GroupRecord[]>;
        /** One group by code: a seek, where a list reads them all. */
        get(code: string): Promise<GroupRecord | undefined>;
        members(code: string): Promise<string[]>;
    };
    logins: {
        create(tokenHash: string, userId: string, expiresAt: number): Promise<void>;
        /** The user and expiry of a login session still valid at `now`. */
        find(tokenHash: string, now: number): Promise<{ userId: string; expiresAt: number } | undefined>;
        remove(tokenHash: string): Promise<void>;
        /** Ends every login session of the user. */
        removeForUser(userId: string): Promise<void>;
    };
    extensions: {
        put(record: ExtensionRecord): Promise<void>;
        get(id: string): Promise<ExtensionRecord | undefined>;
        list(): Promise<ExtensionRecord[]>;
        setStatus(id: string, status: ExtensionRecord['status'], lastError: string | null): Promise<void>;
        remove(id: string): Promise<void>;
    };
    timers: {
        put(timer: TimerRecord): Promise<void>;
        get(key: string): Promise<TimerRecord | undefined>;
        remove(key: string): Promise<void>;
        /** Up to 100 timers due at `now`, earliest first, leaving out the keys in `skip` (e.g. running ones). */
        due(now: number, skip?: readonly string[]): Promise<TimerRecord[]>;
        /**
         * Gives back timers `due` returned that this instance did not start. A store shared by
         * several instances claims each due timer for the one that asked; elsewhere a no-op.
         */
        release(keys: readonly string[]): Promise<void>;
        /** When the earliest timer not in `skip` is due. */
        next(skip?: readonly string[]): Promise<number | undefined>;
        removeForExtension(extensionId: string): Promise<void>;
    };
    outbox: {
        add(extensionId: string, kind: string, payload: unknown): Promise<void>;
        pending(limit: number): Promise<OutboxEvent[]>;
        done(id: number): Promise<void>;
    };
    storage: {
        get(extensionId: string, key: string): Promise<unknown>;
        set(extensionId: string, key: string, value: unknown): Promise<void>;
        remove(extensionId: string, key: string): Promise<void>;
        /** Removes everything the extension stored (uninstall with purge). */
        clear(extensionId: string): Promise<void>;
    };
    fileUsage: {
        /**
         * Counts a new file of `bytes` against its owner's and the host's totals, unless that
         * would take either past its limit; then nothing is counted.
         * @returns whether it was counted, and the owner's total before.
         */
        reserve(owner: string, bytes: number, limits: { perOwner: number; total: number }): Promise<{ ok: boolean; ownerBytes: number; totalBytes: number }>;
    };
    notifications: {
        add(records: NotificationRecord[]): Promise<void>;
        forUser(userId: string, size: number): Promise<NotificationRecord[]>;
    };
}

export interface Store {
    /** The steps that would bring the app tables to `apps`; throws `INCOMPATIBLE_CHANGE` for a change that would lose data. */
    planMigration(apps: AppTable[], previous: AppTable[]): Promise<MigrationStep[]>;
    /** Applies the plan (inside the caller's transaction, if any). */
    migrate(apps: AppTable[], previous: AppTable[]): Promise<MigrationStep[]>;
    /** Drops the tables of these apps (uninstall with purge). */
    dropApps(keys: string[]): Promise<void>;
    insert(app: AppTable, row: Row): Promise<void>;
    update(app: AppTable, id: string, patch: Record<string, unknown>): Promise<boolean>;
    /**
     * Updates an item that is not deleted and answers its row as now stored, in one statement;
     * undefined (and nothing written) when there is no such item.
     */
    updateLive(app: AppTable, id: string, patch: Record<string, unknown>): Promise<Row | undefined>;
    get(app: AppTable, id: string): Promise<Row | undefined>;
    find(app: AppTable, query: Query): Promise<Row[]>;
    count(app: AppTable, query: Query): Promise<number>;
    /** Groups the rows that match `query.where` and computes sums, maxima and minima in the store, at most `limit` groups. */
    aggregate(app: AppTable, query: Query, aggregation: Aggregation, limit: number): Promise<AggregateRow[]>;
    /**
     * Runs `work` in one transaction: everything it writes commits together or not at all.
     * Nested calls join the outer transaction.
     */
    transaction<T>(work: () => Promise<T>): Promise<T>;
    /**
     * Runs `then` once the current transaction commits, and never if it rolls back; outside
     * a transaction, at once. For side effects outside the store, such as realtime pushes.
     */
    afterCommit(then: () => void): void;
    /** An object that stands for the running transaction (same object throughout it), or undefined outside one: a key for per-transaction caches. */
    transactionScope(): object | undefined;
    readonly system: SystemStore;
    close(): Promise<void>;
}

/** Which field types hold several values as a JSON array when `multiple`. */
export function isListField(field: { type: FieldType; multiple: boolean }): boolean {
    return field.multiple && (field.type === 'ENUM' || field.type === 'SYS_USER' || field.type === 'SYS_COLLECTION');
}
