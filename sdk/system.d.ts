/**
 * `System`: what the platform offers every script besides the namespace's own apps.
 */
import type { Condition, GlobalFilters, StringOperand, FieldOperand } from './items';
import type { TDatetime, TJSON, UserGroupItem, UserItem } from './types';

/** Users of the platform. */
export interface Users {
    /**
     * Starts a search over users.
     * @example System.users.search().where(f => f.login.eq('operator1')).first()
     */
    search(): UserSearch;
    /** The user the script runs for, or `undefined` in scheduled scripts and public routes. */
    getCurrentUser(): Promise<UserItem | undefined>;
}

/** Fields users can be searched by. */
export interface UserFieldOperands {
    /** The user's id. */
    readonly __id: StringOperand;
    /** The login name. */
    readonly login: StringOperand;
    /** The full name. */
    readonly fullname: StringOperand;
    /** The e-mail address. */
    readonly email: StringOperand;
    /** Matches users in a group: `f.groupIds.eq('operators')`. */
    readonly groupIds: FieldOperand<string>;
}

/** A search over users, chained like an app search. */
export interface UserSearch {
    /** Filters the users. */
    where(build: (f: UserFieldOperands, g: GlobalFilters) => Condition): UserSearch;
    /** Skips the first `offset` users. */
    from(offset: number): UserSearch;
    /** @throws RangeError when not between 1 and 10 000. */
    size(size: number): UserSearch;
    /** The matching users, at most `size`, ordered by login. */
    all(): Promise<UserItem[]>;
    /** The first matching user, or `undefined`. */
    first(): Promise<UserItem | undefined>;
    /** How many users match, ignoring `from` and `size`. */
    count(): Promise<number>;
}

/** Groups of users. */
export interface UserGroups {
    /** Every group, administrators included. */
    search(): { all(): Promise<UserGroupItem[]> };
    /** A group by code, or `undefined`. */
    get(code: string): Promise<UserGroupItem | undefined>;
}

/** Who a realtime event or a notification is for: any of these users or members of these groups. */
export interface Audience {
    /** User ids. */
    readonly users?: readonly string[];
    /** Group codes; every member is included. */
    readonly groups?: readonly string[];
}

/** Pushes events to the browsers of signed-in users over their open WebSocket. */
export interface Realtime {
    /**
     * Sends `event` with `payload` to every open tab of the audience. Delivery is best effort:
     * a user with no open tab gets nothing (use notifications for what must not be missed).
     */
    publish(audience: Audience, event: string, payload: TJSON): Promise<void>;
    /** How many browser tabs the user has open now. */
    connections(userId: string): Promise<number>;
}

/** Activity-stream notifications: stored per user and pushed live. */
export interface Notifications {
    /**
     * Stores a notification for each user of the audience and pushes it to their tabs.
     * @param link a path in the web shell to open on click.
     */
    send(audience: Audience, notification: { title: string; text: string; link?: string }): Promise<void>;
}

/** A registration that can be undone. */
export interface Disposable {
    /** Undoes the registration. */
    dispose(): Promise<void>;
}

/** Durable one-shot timers: they survive restarts and fire once. */
export interface Timers {
    /**
     * Runs the server script `script` at `at` (or at once if that is past) with `payload`
     * in `Context.data.payload`. Setting a timer with an existing `key` replaces it.
     * @param key identifies the timer for replacement and cancellation.
     * @throws Error with code `NOT_FOUND` when the script does not exist.
     */
    set(key: string, at: TDatetime | Date, script: string, payload?: TJSON): Promise<Disposable>;
    /** Cancels the timer with `key`; nothing happens when there is none. */
    cancel(key: string): Promise<void>;
}

/** Custom events of the extension, declared in the manifest and handled by scripts. */
export interface Events {
    /**
     * Raises `event`: every handler the manifest declares for it runs after the current write commits,
     * with `payload` in `Context.data.payload`.
     */
    emit(event: string, payload: TJSON): Promise<void>;
}

/** A key-value store scoped to the extension, for small settings and state. */
export interface Storage {
    /** The value stored under `key`, or `undefined`. */
    getItem(key: string): Promise<TJSON | undefined>;
    /** Stores `value` under `key`, replacing what was there. */
    setItem(key: string, value: TJSON): Promise<void>;
    /** Removes `key`; nothing happens when it is absent. */
    removeItem(key: string): Promise<void>;
}

/** Everything under the global `System`. */
export interface SystemApi {
    /** Users of the platform. */
    readonly users: Users;
    /** Groups of users. */
    readonly userGroups: UserGroups;
    /** Push to open browser tabs. */
    readonly realtime: Realtime;
    /** Activity-stream notifications. */
    readonly notifications: Notifications;
    /** Durable one-shot timers. */
    readonly timers: Timers;
    /** Custom events of the extension. */
    readonly events: Events;
    /** The host's base URL as clients outside reach it, e.g. `http://localhost:3000`. */
    readonly baseUrl: string;
}
