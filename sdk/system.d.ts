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

/** How `Realtime.publishTo` delivers. */
export interface PublishOptions {
    /**
     * Latest wins: each tab gets the first event of this topic and name at once and then at
     * most one per few hundred milliseconds, with the latest payload. Default false.
     */
    readonly coalesce?: boolean;
}

/** Pushes events to the browsers of signed-in users over their open WebSocket. */
export interface Realtime {
    /**
     * Sends `event` with `payload` to every open tab of the audience. Delivery is best effort:
     * a user with no open tab gets nothing (use notifications for what must not be missed).
     * Inside `System.transaction` the push waits until the transaction commits, and is
     * dropped if it rolls back, so nobody hears of a change that did not happen.
     */
    publish(audience: Audience, event: string, payload: TJSON): Promise<void>;
    /**
     * Sends `event` with `payload` only to the tabs that subscribed to `topic` (a widget's
     * `UI.subscribe`), or to any of several topics (each tab gets it once), and whose user is
     * in `audience`: a tab of anyone else gets nothing, even
     * when subscribed, so name the users allowed to see the payload. Use it for what a tab
     * shows (a list, an open record), and `publish` for news to a user wherever they are.
     * Topic names are the extension's own; prefix them with its namespace, e.g.
     * `live_chats.session:<id>`. Nobody subscribed costs nothing. Best effort, and after the
     * transaction commits, as `publish`.
     * @param options `coalesce: true` sends each tab at most one of this topic and event per
     * few hundred milliseconds, the latest (for counters and "something changed" signals).
     * @example await System.realtime.publishTo(`shop.order:${order.id}`, { groups: ['sales'] }, 'shop.order_changed', { id: order.id })
     */
    publishTo(topic: string | readonly string[], audience: Audience, event: string, payload: TJSON, options?: PublishOptions): Promise<void>;
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

/** Options of a timer. */
export interface TimerOptions {
    /**
     * Timers with the same serial key run one at a time, earliest first; timers with
     * different keys (or none) run side by side. Use it for work that must stay in order
     * for one peer, e.g. `chat:<id>` for the messages to one chat, so a slow chat delays only
     * itself.
     */
    readonly serialKey?: string;
}

/**
 * Durable one-shot timers: they survive restarts and fire once. Due timers run
 * concurrently (up to a bound the host sets), so a slow timer script never delays an
 * unrelated one; the same timer never runs twice at once. Each run starts in a fresh
 * context of its own: nothing of the call that set it (its transaction, its user) carries over.
 */
export interface Timers {
    /**
     * Runs the server script `script` at `at` (or at once if that is past) with `payload`
     * in `Context.data.payload`. Setting a timer with an existing `key` replaces it; if the
     * timer is running then, the new one runs after the current run ends.
     * @param key identifies the timer for replacement and cancellation.
     * @param options e.g. a serial key that keeps related timers in order.
     * @throws Error with code `NOT_FOUND` when the script does not exist.
     * @example await System.timers.set(`deliver:${chatId}`, new TDatetime(Date.now() + 5000), 'deliver', { chatId }, { serialKey: `chat:${chatId}` })
     */
    set(key: string, at: TDatetime | Date, script: string, payload?: TJSON, options?: TimerOptions): Promise<Disposable>;
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

/** Files stored by the platform (the values of file fields, attachments uploaded in widgets). */
export interface Files {
    /**
     * An absolute link to a stored file under the host's base URL that works without signing
     * in until it expires, for a peer outside the platform (e.g. a chat service fetching an
     * attachment). Anyone holding the link can fetch the file until then; the signature
     * covers the file and the expiry, so neither can be changed.
     * @param fileId the file's id, as in `/api/files/<id>`.
     * @param ttlSeconds how long the link works: 1 s to 366 days, 7 days when not given.
     * @throws Error with code `NOT_FOUND` for an unknown file, `VALIDATION_FAILED` for a ttl out of range.
     * @example const url = await System.files.signedUrl(fileId, 24 * 3600)
     */
    signedUrl(fileId: string, ttlSeconds?: number): Promise<string>;
}

/** An e-mail to send. */
export interface MailMessage {
    /** Recipient addresses; addresses that are not well formed are left out. */
    readonly to: readonly string[];
    readonly subject: string;
    /** The plain-text body. */
    readonly text: string;
    /** An HTML body besides the text one; escape whatever it shows. */
    readonly html?: string;
    /**
     * A Message-ID such as `<reminder-42@example.com>`. Give the same id when sending the
     * same message again (a retry), so that mail clients can recognise the repeat.
     */
    readonly messageId?: string;
}

/**
 * Outgoing e-mail through the SMTP server the platform's administrator sets up. A send is
 * bounded in time and not retried: retry from a durable timer with backoff.
 */
export interface Mail {
    /** Whether the administrator has set up outgoing mail. */
    configured(): Promise<boolean>;
    /**
     * Sends `message` and resolves once the mail server has accepted it.
     * @throws Error with code `MAIL_NOT_CONFIGURED` (no SMTP server set up), `VALIDATION_FAILED`
     * (no valid recipient) or `MAIL_FAILED` (the server refused or did not answer in time).
     * @example await System.mail.send({ to: ['ann@example.com'], subject: 'Overdue', text: 'Order 42 is overdue' })
     */
    send(message: MailMessage): Promise<void>;
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
    /** Stored files and signed links to them. */
    readonly files: Files;
    /** Outgoing e-mail. */
    readonly mail: Mail;
    /**
     * Runs `work` in one transaction: every item, timer and event it writes commits together,
     * or nothing does when it throws (the error is rethrown). Other writers wait until it ends,
     * so keep network calls out of `work`. A nested call joins the outer transaction.
     * @example await System.transaction(async () => { await a.save(); await b.save(); })
     */
    transaction<T>(work: () => Promise<T>): Promise<T>;
    /** The host's base URL as clients outside reach it, e.g. `http://localhost:3000`. */
    readonly baseUrl: string;
}
