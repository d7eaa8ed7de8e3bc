/**
 * Apps, items and search, in the platform's chained style:
 * `Namespace.app.articles.search().where((f, g) => g.and(f.link.like('docs'))).size(20).all()`.
 */
import type { ApplicationItem, BaseItemData, TApplication, TDatetime, TEnum, TStatus, TUser } from './types';

/**
 * Values a field can be compared with: references and enums compare by id or code; a field
 * holding several values (`multiple`) is compared with one value and matches when it holds it.
 */
export type Comparable<T> =
    T extends ReadonlyArray<infer E> ? Comparable<E> :
    T extends TApplication<infer _D> ? T | string :
    T extends TUser ? T | string :
    T extends TEnum<infer C> ? T | C :
    T extends TStatus<infer C> ? T | C :
    T extends TDatetime ? T | Date :
    T;

/** A condition built from one field, to pass to `where`. */
export interface Condition {
    /** Brand that keeps plain values from being passed as conditions. */
    readonly __condition: true;
}

/** The comparisons every field offers. */
export interface FieldOperand<T> {
    /** Equal to the value; `eq(null)` matches an empty field. */
    eq(value: Comparable<NonNullable<T>> | null): Condition;
    /** Not equal to the value; `neq(null)` matches a filled field. */
    neq(value: Comparable<NonNullable<T>> | null): Condition;
    /** Greater than the value. */
    gt(value: Comparable<NonNullable<T>>): Condition;
    /** Greater than or equal to the value. */
    gte(value: Comparable<NonNullable<T>>): Condition;
    /** Less than the value. */
    lt(value: Comparable<NonNullable<T>>): Condition;
    /** Less than or equal to the value. */
    lte(value: Comparable<NonNullable<T>>): Condition;
    /** Equal to one of the values; an empty list matches nothing. */
    in(values: ReadonlyArray<Comparable<NonNullable<T>>>): Condition;
}

/** String fields add a substring match. */
export interface StringOperand extends FieldOperand<string> {
    /** Contains the text, ignoring case. */
    like(text: string): Condition;
}

/** The operand offered for a field of type `T`. */
export type OperandFor<T> = NonNullable<T> extends string ? StringOperand : FieldOperand<T>;

/** The fields of an app as operands: `f.<field>.eq(...)`. Unknown fields do not compile. */
export type FieldOperands<Data extends object> = {
    readonly [K in keyof (Data & BaseItemData)]-?: OperandFor<(Data & BaseItemData)[K]>;
};

/** Combinators for conditions: `g.and(...)`, `g.or(...)`, `g.not(...)`, `g.fts(text)`. */
export interface GlobalFilters {
    /** Every condition holds. */
    and(...conditions: Condition[]): Condition;
    /** At least one condition holds. */
    or(...conditions: Condition[]): Condition;
    /** The condition does not hold. */
    not(condition: Condition): Condition;
    /**
     * Any of the app's text fields (and the name) contains the words, ignoring case.
     * Running the search throws an error with code `SEARCH_TOO_LONG` when the text has more
     * than 32 words or 500 characters.
     */
    fts(text: string): Condition;
}

/** A search being built; nothing runs until `all()`, `first()` or `count()`. */
export interface Search<Data extends object> {
    /**
     * Filters the items. Deleted items are left out unless the condition names `__deletedAt`.
     * @example .where((f, g) => g.or(f.__name.like('refund'), f.priority.eq('high')))
     */
    where(build: (f: FieldOperands<Data>, g: GlobalFilters) => Condition): Search<Data>;
    /**
     * Orders the result; later calls break ties of earlier ones.
     * @param ascending `true` (the default) for ascending order, `false` for descending.
     */
    sort(field: keyof (Data & BaseItemData) & string, ascending?: boolean): Search<Data>;
    /** Skips the first `offset` items. */
    from(offset: number): Search<Data>;
    /**
     * How many items to return: default 10.
     * @throws RangeError when `size` is not between 1 and 10 000.
     */
    size(size: number): Search<Data>;
    /** The matching items, at most `size`. */
    all(): Promise<ApplicationItem<Data>[]>;
    /** The first matching item, or `undefined`. */
    first(): Promise<ApplicationItem<Data> | undefined>;
    /** How many items match, ignoring `from` and `size`. */
    count(): Promise<number>;
    /**
     * Groups the matching items and computes numbers per group in the store, so a report
     * over a year of rows reads one row per group. `from`, `size` and `sort` do not apply.
     * @throws an error with code BAD_REQUEST when a field cannot form a group (several values, a secret)
     * or is not a number; TOO_MANY_GROUPS past 100 000 groups.
     * @example
     * const perDay = await Namespace.app.rollups.search()
     *     .where((f) => f.day.gte(from))
     *     .aggregate({ groupBy: ['operator', 'day'], sum: ['requests'], max: ['max_wait_ms'] });
     * // [{ group: { operator: '…', day: '2026-11-02' }, count: 3, sum: { requests: 12 }, max: { max_wait_ms: 4100 }, min: {} }]
     */
    aggregate<G extends keyof (Data & BaseItemData) & string = never, N extends keyof Data & string = never>(spec: AggregateSpec<G, N>): Promise<AggregateGroup<G, N>[]>;
}

/** What {@link Search.aggregate} computes. */
export interface AggregateSpec<G extends string, N extends string> {
    /** Single-valued fields whose values form a group; none: one group of every match. */
    readonly groupBy?: readonly G[];
    /** Numeric fields (numbers, durations, moments) summed per group. */
    readonly sum?: readonly N[];
    /** Numeric fields whose largest value per group is kept. */
    readonly max?: readonly N[];
    /** Numeric fields whose smallest value per group is kept. */
    readonly min?: readonly N[];
}

/** One group of {@link Search.aggregate}. */
export interface AggregateGroup<G extends string, N extends string> {
    /**
     * The group's values as stored: ids for users and app links, codes for enums,
     * `YYYY-MM-DD` for dates, milliseconds since the epoch for moments; null when empty.
     */
    readonly group: { readonly [K in G]: string | number | boolean | null };
    /** How many items are in the group. */
    readonly count: number;
    /** Sums (0 for a group whose values are all empty). */
    readonly sum: { readonly [K in N]: number };
    /** Largest values, null when all are empty. */
    readonly max: { readonly [K in N]: number | null };
    /** Smallest values, null when all are empty. */
    readonly min: { readonly [K in N]: number | null };
}

/** An app of the namespace: `Namespace.app.<code>`. */
export interface App<Data extends object> {
    /** `namespace.code` of the app. */
    readonly code: string;
    /** A new unsaved item; set `data` and call `save()`. */
    create(): ApplicationItem<Data>;
    /** Starts a search over the app's items. */
    search(): Search<Data>;
}
