/**
 * `System`: what the platform offers every script besides the namespace's own apps.
 */
import type { App, Condition, GlobalFilters, StringOperand, FieldOperand } from './items';
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
    /**
     * Sends `event` with `payload` to the guest sockets (manifest `sockets`: people without an
     * account, e.g. visitors of a site) that follow `topic` — the topics the socket's script
     * gave the guest when it let them in. Best effort, and after the transaction commits, as
     * `publish`; a guest who is not connected gets nothing, so keep what they must see
     * where they can fetch it on their next connection.
     * @example await System.realtime.publishToGuests(`shop.visitor:${visitorId}`, 'shop.reply', { text })
     */
    publishToGuests(topic: string, event: string, payload: TJSON): Promise<void>;
    /** How many guest sockets follow `topic` now. */
    guests(topic: string): Promise<number>;
}

/** Keyed hashes for checking what another system signed, e.g. a site vouching for its visitor. */
export interface Crypto {
    /**
     * The HMAC of `data` under `key`, in lowercase hex.
     * @throws Error with code `VALIDATION_FAILED` for an algorithm other than `sha256` or `sha512`.
     * @example System.crypto.hmac('sha256', secret, visitorId)
     */
    hmac(algorithm: 'sha256' | 'sha512', key: string, data: string): string;
    /** Compares two strings in constant time (for signatures: no timing tells how much matched). */
    equal(a: string, b: string): boolean;
}

/**
 * What a guest socket's script finds in `Context.data.socket` (manifest `sockets`): the
 * host opens `/api/sockets/<namespace>/<code>` to any site and runs the script once when a
 * guest connects and once per frame the guest sends.
 */
export type GuestSocketEvent =
    | {
        readonly event: 'open';
        /** The query string of the socket's URL. */
        readonly query: Readonly<Record<string, string>>;
        /** The page's origin as the browser names it (`null` from programs). */
        readonly origin: string | null;
        /** The guest's network address. */
        readonly address: string;
    }
    | {
        readonly event: 'frame';
        /** The `state` the script answered to `open`. */
        readonly state: TJSON;
        /** What the guest sent: the `body` of its frame `{ id, body }`. */
        readonly body: TJSON;
        /**
         * The files this socket uploaded (the latest 20), when the manifest allows files
         * (`maxFileBytes`): a frame names them by id, and only these ids are the guest's.
         */
        readonly uploads: readonly GuestUpload[];
    };

/** A file a guest uploaded through their socket; stored as `/api/files/<id>`. */
export interface GuestUpload {
    readonly id: string;
    readonly name: string;
    readonly size: number;
    readonly contentType: string;
}

/**
 * The answer of a guest socket's script to `open`; throw an `ApiError` instead to refuse the
 * guest (the socket closes with 4403, or 4400 for status 400, and the error's message).
 * The answer to a frame is any JSON value, sent back as `{ type: 'reply', id, result }`.
 */
export interface GuestAdmission {
    /** Topics whose `publishToGuests` the guest receives (at most 20). */
    readonly topics: readonly string[];
    /** Handed back with each frame, e.g. who the guest is. */
    readonly state?: TJSON;
    /** Sent to the guest at once as `{ type: 'hello', payload }`. */
    readonly hello?: TJSON;
    /**
     * Who the guest is, for the frame limit: all sockets of one guest (tabs, devices) share
     * the manifest's `framesPerMinute`; without it each socket has its own. Every address
     * shares a few guests' worth whatever the guests say.
     */
    readonly guest?: string;
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
     * with `payload` in `Context.data.payload`. The payload is taken as JSON when it is emitted
     * (dates as ISO text): changing the object afterwards changes nothing that is sent.
     */
    emit(event: string, payload: TJSON): Promise<void>;
}

/** An installed app as `System.apps` describes it. */
export interface AppDescription {
    /** `namespace.code`, e.g. `crm.contacts`. */
    readonly key: string;
    readonly namespace: string;
    readonly code: string;
    readonly name: string;
    /** Its fields: code, name, manifest type code (`STRING`, `SYS_COLLECTION`, …) and, for a link, the app it links to. */
    readonly fields: readonly { readonly code: string; readonly name: string; readonly type: string; readonly app: string | null }[];
}

/**
 * Apps of every installed extension, e.g. the app an administrator picked to bind records
 * to. The extension's own apps are open as through `Namespace.app`; another extension's app
 * is used with the rights its permissions give the script's user — or, in a script no user
 * started, the extension's service user (manifest `serviceUser`).
 */
export interface Apps {
    /** Every installed app. */
    list(): Promise<AppDescription[]>;
    /** One app's description, or undefined when no installed extension has it. */
    describe(key: string): Promise<AppDescription | undefined>;
    /**
     * The app to search and create items in, or undefined when it is not installed. Each read
     * or write checks the right then.
     * @throws Error FORBIDDEN (from the search or save) when the user may not read or write its items.
     * @example const contact = await (await System.apps.get('crm.contacts'))?.search().where((f) => f.__id.eq(id)).first();
     */
    get<Data extends object = Record<string, unknown>>(key: string, options?: ExtensionCallOptions): Promise<App<Data> | undefined>;
    /** Whether `action` on the app's items is allowed to the user `options.as` names (always, for the extension's own apps). */
    can(key: string, action: 'read' | 'create' | 'update' | 'delete', options?: ExtensionCallOptions): Promise<boolean>;
}

/** What `System.extensions.installed()` tells about another extension. */
export interface InstalledExtension {
    readonly namespace: string;
    readonly id: string;
    readonly name: string;
    readonly version: string;
    /** Codes of the methods it exports (manifest `exports`). */
    readonly methods: readonly string[];
}

/** Whose rights a call to another extension runs with. */
export interface ExtensionCallOptions {
    /**
     * `caller` (the default): the user the calling script runs for, or — in a script no user
     * started (an event handler, a timer) — the calling extension's service user (manifest
     * `serviceUser`). `service`: always the service user. An administrator must give the
     * service user its rights (e.g. a group of the called extension); it has none by itself.
     */
    readonly as?: 'caller' | 'service';
}

/**
 * Methods other installed extensions export (their manifest's `exports`), and through them
 * their automation. Events they publish are handled by declaring, in this manifest,
 * `{ "on": "custom", "from": "<their namespace>", "event": "<event>", "script": "…" }`.
 */
export interface Extensions {
    /** The extension installed with this namespace, or undefined. */
    installed(namespace: string): Promise<InstalledExtension | undefined>;
    /**
     * Calls a method another extension exports; it runs there with `Context.data.params` and
     * the rights of the user `options.as` names, never more. Params and the answer are JSON.
     * @throws ApiError as the method throws it (e.g. 403 FORBIDDEN_ROLE when the user lacks the right)
     * @throws Error NOT_FOUND when no installed extension exports the method; UNAUTHORIZED when
     *   there is no user to act as (no caller and no `serviceUser`).
     * @example
     * await System.extensions.call('live_chats', 'post_note', { session: id, text: 'Order shipped' });
     */
    call<T extends TJSON = TJSON>(namespace: string, method: string, params?: TJSON, options?: ExtensionCallOptions): Promise<T>;
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
    /**
     * Stores `content` as a new file, e.g. a photo a chat service sent behind a link that
     * carries its API token, so users see it through the platform instead. Served at
     * `/api/files/<id>` to signed-in users, and through signed links.
     * @param contentType `application/octet-stream` when not given.
     * @throws Error with code `VALIDATION_FAILED` for a file over 20 MB.
     * @example const file = await System.files.create('photo.jpg', bytes, 'image/jpeg')
     */
    create(name: string, content: Uint8Array | string, contentType?: string): Promise<StoredFile>;
    /**
     * A stored file with its bytes, e.g. to upload an attachment to a chat service.
     * @throws Error with code `NOT_FOUND` for an unknown file.
     */
    read(fileId: string): Promise<StoredFile & { readonly content: Uint8Array }>;
}

/** A file the platform stores. */
export interface StoredFile {
    /** The id, as in `/api/files/<id>`. */
    readonly id: string;
    readonly name: string;
    /** Bytes. */
    readonly size: number;
    readonly contentType: string;
}

/** A mail server account: IMAP for `watch`, SMTP for `send`. */
export interface MailServerAccount {
    /** Host name or address. */
    readonly host: string;
    /** e.g. 143 or 993 for IMAP, 25, 465 or 587 for SMTP. */
    readonly port: number;
    /** `tls` from the first byte (993, 465), `starttls` upgrading a plain connection (143, 587), or `none`. */
    readonly security: 'none' | 'starttls' | 'tls';
    readonly user: string;
    readonly password: string;
}

/** An address of a mail, lower-cased. */
export interface MailAddress {
    readonly address: string;
    /** The display name, or empty. */
    readonly name: string;
}

/** A mail that arrived in a watched mailbox, parsed. */
export interface IncomingMail {
    /** Its UID in the folder. */
    readonly uid: number;
    /** The `Message-ID` header with its angle brackets, or null. */
    readonly messageId: string | null;
    /** The `In-Reply-To` header, or null. */
    readonly inReplyTo: string | null;
    /** The ids of the `References` header, oldest first. */
    readonly references: readonly string[];
    readonly subject: string;
    readonly from: MailAddress | null;
    readonly to: readonly MailAddress[];
    readonly cc: readonly MailAddress[];
    readonly replyTo: readonly MailAddress[];
    /** The `Date` header as an ISO string, or null. */
    readonly date: string | null;
    /** The plain-text body (derived from the HTML one when the mail has no text part). */
    readonly text: string;
    /** The HTML body as sent (untrusted: never show it unescaped), or null. */
    readonly html: string | null;
    /** The attachments, already stored as files. */
    readonly attachments: readonly StoredFile[];
}

/** What `Mailboxes.watch` hands to its script in `Context.data.payload`. */
export interface MailboxDelivery {
    /** The watch's key. */
    readonly key: string;
    readonly mail: IncomingMail;
}

/** What `Mailboxes.watch` hands to its status script in `Context.data.payload`. */
export interface MailboxStatusChange {
    readonly key: string;
    /** `connected` once the folder is open, `error` when connecting or reading failed (the host retries with backoff). */
    readonly state: 'connected' | 'error';
    /** The reason of an `error`, or null. */
    readonly error: string | null;
}

/** Options of a mailbox watch. */
export interface MailboxWatchOptions {
    readonly imap: MailServerAccount;
    /** The folder to watch; `INBOX` when not given. */
    readonly folder?: string;
    /** The server script run once per new mail, with a {@link MailboxDelivery}. */
    readonly script: string;
    /** A server script run when the connection comes up or fails, with a {@link MailboxStatusChange}. */
    readonly statusScript?: string;
    /** How often the folder is looked at besides IDLE notices, 1–3600 s; 60 when not given. */
    readonly pollSeconds?: number;
}

/** The state of a watch as the host sees it now. */
export interface MailboxWatchStatus {
    readonly state: 'connecting' | 'connected' | 'error';
    readonly error: string | null;
    readonly uidValidity: string | null;
    /** The UID of the last mail handed to the script. */
    readonly lastUid: number | null;
}

/** A mail to send through an account of the script's own. */
export interface OutgoingMail {
    /** The sender, `address` or `Name <address>`. */
    readonly from: string;
    readonly to: readonly string[];
    readonly cc?: readonly string[];
    readonly subject: string;
    /** The plain-text body. */
    readonly text: string;
    /** An HTML body besides the text one; escape whatever it shows. */
    readonly html?: string;
    /** The `Message-ID` to give the mail; the same one on a retry, so the repeat is recognisable. */
    readonly messageId?: string;
    /** The `Message-ID` this mail answers, so the recipient's mail program threads it. */
    readonly inReplyTo?: string;
    /** The thread's earlier Message-IDs, oldest first. */
    readonly references?: readonly string[];
    /** Stored files to attach. */
    readonly attachments?: readonly { readonly fileId: string }[];
}

/** What the SMTP server said about a sent mail. */
export interface SentMail {
    readonly messageId: string;
    readonly accepted: readonly string[];
    readonly rejected: readonly string[];
}

/**
 * Mailboxes of the extension's own (a help desk's inbox), as opposed to the platform's
 * notification mail. The host keeps a watched mailbox connected on its own, across script
 * calls and restarts.
 */
export interface Mailboxes {
    /**
     * Watches an IMAP folder: every mail arriving from now on is parsed and handed to
     * `options.script`, one at a time in arrival (UID) order. A mail counts as handed over
     * only once the script returns: if it throws, or the host stops, it is handed over again
     * later, so receivers must be idempotent by Message-ID. The watch is stored and resumed
     * after a restart; watching again under the same key replaces it (its position is kept
     * while the account and folder stay the same).
     * @throws Error with code `VALIDATION_FAILED` for a malformed account, `NOT_FOUND` for an unknown script.
     * @example await System.mailboxes.watch(`mail:${id}`, { imap, script: 'receiveMail', statusScript: 'mailboxStatus' })
     */
    watch(key: string, options: MailboxWatchOptions): Promise<void>;
    /** Stops and forgets the watch; nothing happens when there is none. */
    unwatch(key: string): Promise<void>;
    /** The watch's state now, or null when this host runs no such watch. */
    status(key: string): Promise<MailboxWatchStatus | null>;
    /**
     * Signs in and opens the folder once.
     * @returns null when the account works, else the server's reason (e.g. a refused password).
     */
    check(imap: MailServerAccount, folder?: string): Promise<string | null>;
    /**
     * Sends `mail` through the SMTP account; resolves once the server accepted it. Bounded in
     * time and not retried: retry from a durable timer with backoff, with the same `messageId`.
     * @throws Error with code `VALIDATION_FAILED` (malformed account, no valid recipient) or
     * `MAIL_FAILED` (the server refused or did not answer in time).
     */
    send(smtp: MailServerAccount, mail: OutgoingMail): Promise<SentMail>;
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
    /** Methods other installed extensions export. */
    readonly extensions: Extensions;
    /** Apps of every installed extension. */
    readonly apps: Apps;
    /** Stored files and signed links to them. */
    readonly files: Files;
    /** Keyed hashes and constant-time comparison. */
    readonly crypto: Crypto;
    /** Mailboxes of the extension's own: watched IMAP folders and SMTP sending. */
    readonly mailboxes: Mailboxes;
    /**
     * A random, unguessable token (URL-safe base64), e.g. a secret a peer must send back.
     * @param bytes how many random bytes, 16–128; 32 when not given.
     */
    randomToken(bytes?: number): string;
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
