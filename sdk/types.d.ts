/**
 * Field value types of the BRIX platform, as scripts see them.
 *
 * The manifest names a field's type by its code (`STRING`, `DATETIME`, ...);
 * scripts read and write the values below through `item.data`.
 */

/** A single-line string (manifest type `STRING`). */
export type TString = string;

/** A multi-line text (manifest type `TEXT`). */
export type TText = string;

/** A number, integer or floating point (manifest types `INTEGER`, `FLOAT`). */
export type TFloat = number;

/** A yes/no value (manifest type `BOOLEAN`). */
export type TBoolean = boolean;

/** Units a {@link Duration} can be built from. */
export type DurationUnit = 'milliseconds' | 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks';

/**
 * A length of time (manifest type `DURATION`).
 * @example new Duration(15, 'minutes').asMinutes() // 15
 */
export interface TDuration {
    /** The length in milliseconds. */
    asMilliseconds(): number;
    /** The length in whole and fractional seconds. */
    asSeconds(): number;
    /** The length in whole and fractional minutes. */
    asMinutes(): number;
    /** The length in whole and fractional hours. */
    asHours(): number;
    /** The sum of this and another duration. */
    add(other: TDuration): TDuration;
}

/** Builds a {@link TDuration}. Available to scripts as the global `Duration`. */
export interface DurationConstructor {
    /**
     * @param amount how many units; may be fractional, must be finite.
     * @throws RangeError when `amount` is not a finite number.
     */
    new (amount: number, unit: DurationUnit): TDuration;
}

/**
 * A moment in time (manifest type `DATETIME`), stored with millisecond precision.
 * @example Context.data.deadline = new TDatetime().add(new Duration(1, 'hours'))
 */
export interface TDatetime {
    /** A new moment `duration` later than this one. */
    add(duration: TDuration): TDatetime;
    /** The time from `other` to this moment (negative when `other` is later). */
    sub(other: TDatetime): TDuration;
    /** Whether this moment is earlier than `other`. */
    before(other: TDatetime): boolean;
    /** Whether this moment is later than `other`. */
    after(other: TDatetime): boolean;
    /**
     * Formats the moment in a time zone.
     * @param pattern luxon-style tokens, default `yyyy-MM-dd HH:mm`.
     * @param timeZone an IANA zone such as `Europe/Berlin`; default UTC.
     */
    format(pattern?: string, timeZone?: string): string;
    /** The same moment as a JavaScript `Date`. */
    asDate(): Date;
    /** Milliseconds since the Unix epoch. */
    getTime(): number;
    /** ISO 8601 in UTC, used when the value is sent as JSON. */
    toJSON(): string;
}

/** Builds a {@link TDatetime}. Available to scripts as the global `TDatetime`. */
export interface TDatetimeConstructor {
    /**
     * @param value a `Date`, milliseconds since the epoch or an ISO 8601 string; now when omitted.
     * @throws RangeError when the value is not a valid moment.
     */
    new (value?: Date | number | string): TDatetime;
}

/** A calendar date without time (manifest type `DATE`). */
export interface TDate {
    /** The year, e.g. 2026. */
    readonly year: number;
    /** 1 to 12. */
    readonly month: number;
    /** 1 to 31. */
    readonly day: number;
    /** `YYYY-MM-DD`. */
    toString(): string;
    /** `YYYY-MM-DD`. */
    toJSON(): string;
}

/** Builds a {@link TDate}. Available to scripts as the global `TDate`. */
export interface TDateConstructor {
    /**
     * @param month 1 to 12.
     * @throws RangeError when the parts do not form a real date.
     */
    new (year: number, month: number, day: number): TDate;
}

/** One value of an enumeration (manifest type `ENUM`). */
export interface TEnum<Code extends string = string> {
    /** The stable code scripts compare. */
    readonly code: Code;
    /** The name people see. */
    readonly name: string;
}

/** The status of an item (the base field `__status`). */
export interface TStatus<Code extends string = string> {
    /** The stable code scripts compare. */
    readonly code: Code;
    /** The name people see. */
    readonly name: string;
    /** Whether the item's work is over in this status. */
    readonly final: boolean;
}

/** An e-mail address with its kind (manifest type `EMAIL`). */
export interface TEmail {
    /** Which address this is. */
    readonly type: 'work' | 'home' | 'other';
    /** The address. */
    readonly email: string;
}

/** A phone number with its kind (manifest type `PHONE`). */
export interface TPhone {
    /** Which number this is. */
    readonly type: 'work' | 'mobile' | 'home' | 'other';
    /** The number, digits with optional `+`, spaces, dashes, brackets. */
    readonly tel: string;
    /** The extension, if any. */
    readonly ext?: string;
}

/** A person's name in parts (manifest type `FULL_NAME`). */
export interface TFullName {
    /** Family name. */
    readonly lastname: string;
    /** Given name. */
    readonly firstname: string;
    /** Middle name or patronymic. */
    readonly middlename?: string;
}

/** A stored file (manifest type `FILE`). */
export interface TFile {
    /** The id. */
    readonly id: string;
    /** The name people see. */
    readonly name: string;
    /** Size in bytes. */
    readonly size: number;
    /** MIME type, e.g. `image/png`. */
    readonly contentType: string;
}

/** Any JSON value (manifest type `JSON`). */
export type TJSON = null | boolean | number | string | TJSON[] | { [key: string]: TJSON };

/** Rows of a table field (manifest type `TABLE`); each row is a plain object. */
export type TTable<Row extends Record<string, TJSON>> = Row[];

/** An amount of money in minor-unit-free decimal form (manifest type `MONEY`). */
export interface TMoney {
    /** The amount in hundredths of the currency unit. */
    readonly cents: number;
    /** ISO 4217 code, e.g. `EUR`. */
    readonly currency: string;
}

/**
 * A reference to another item: what an app-link field holds.
 * `fetch()` loads the item it points to.
 */
export interface TApplication<Data extends object = Record<string, unknown>> {
    /** The item's id. */
    readonly id: string;
    /** The `namespace.app` the item belongs to. */
    readonly app: string;
    /**
     * Loads the item.
     * @throws Error with code `NOT_FOUND` when it no longer exists.
     */
    fetch(): Promise<ApplicationItem<Data>>;
}

/** A reference to a user (manifest type `SYS_USER`); `fetch()` loads the user. */
export interface TUser {
    /** The id. */
    readonly id: string;
    /** @throws Error with code `NOT_FOUND` when the user no longer exists. */
    fetch(): Promise<UserItem>;
}

/** The base fields every item has. */
export interface BaseItemData {
    /** Unique id, assigned on the first save. */
    readonly __id: string;
    /** The item's display name. */
    __name: string;
    /** When the item was created. */
    readonly __createdAt: TDatetime;
    /** Who created it (null for scripts without a user). */
    readonly __createdBy: TUser | null;
    /** When it was last changed. */
    readonly __updatedAt: TDatetime;
    /** Who changed it last. */
    readonly __updatedBy: TUser | null;
    /** Set when the item was deleted; deleted items are kept and hidden. */
    readonly __deletedAt: TDatetime | null;
    /** The status, for apps that declare statuses. */
    readonly __status: TStatus | null;
}

/** An item of an app as a script holds it. */
export interface ApplicationItem<Data extends object = Record<string, unknown>> {
    /** The item's id (empty until the first save). */
    readonly id: string;
    /** `namespace.app` of the item. */
    readonly app: string;
    /** Field values, read and written directly. */
    readonly data: Data & BaseItemData;
    /**
     * Writes the item: creates it on the first call, updates it afterwards.
     * Item events declared in the manifest run after the write commits.
     * @throws Error with code `VALIDATION_FAILED` and per-field details when a value is missing or of the wrong type.
     */
    save(): Promise<void>;
    /**
     * Marks the item deleted (it is kept and can be listed among deleted items).
     * @throws Error with code `NOT_FOUND` when it was never saved.
     */
    delete(): Promise<void>;
    /**
     * Moves the item to another status and saves it.
     * @param status one of the app's statuses, by object or code.
     * @param comment recorded with the change.
     * @throws Error with code `VALIDATION_FAILED` when the status is not one of the app's.
     */
    setStatus(status: TStatus | string, comment?: string): Promise<void>;
    /** A reference to this item, to store in an app-link field. */
    getRef(): TApplication<Data>;
    /** Reloads the data from the store, dropping unsaved changes. */
    reload(): Promise<void>;
}

/** A user of the platform. */
export interface UserItem {
    /** The id. */
    readonly id: string;
    /** The values. */
    readonly data: {
        /** The id. */
        readonly __id: string;
        /** The display name. */
        readonly __name: string;
        /** The login name. */
        readonly login: string;
        /** The full name. */
        readonly fullname: string;
        /** The e-mail address, if known. */
        readonly email: string | null;
        /** IANA time zone, e.g. `Europe/Berlin`. */
        readonly timezone: string;
        /** Codes of the groups the user belongs to. */
        readonly groupIds: readonly string[];
        /** Blocked users cannot sign in. */
        readonly __status: 'active' | 'blocked';
    };
    /** A reference to this user, to store in a user field. */
    getRef(): TUser;
}

/** A group of users; extensions declare their groups in the manifest. */
export interface UserGroupItem {
    /** The id. */
    readonly id: string;
    /** The values. */
    readonly data: {
        /** The id. */
        readonly __id: string;
        /** The group's code, e.g. `administrators`. */
        readonly code: string;
        /** The display name. */
        readonly __name: string;
    };
    /** The group's members. */
    users(): Promise<UserItem[]>;
}
