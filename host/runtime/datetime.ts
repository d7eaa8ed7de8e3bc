/**
 * The date and time values scripts get as the globals `TDatetime`, `TDate` and `Duration`.
 */
import { DateTime } from 'luxon';

/**
 * Whether a value is a Date. Scripts are compiled in the host's main realm, and a Date made
 * there fails `instanceof` in another realm (as under jest), so the tag is checked instead.
 */
export function isDate(value: unknown): value is Date {
    return Object.prototype.toString.call(value) === '[object Date]';
}

const unitMs = {
    milliseconds: 1, seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000,
} as const;

export class Duration {
    private readonly ms: number;
    constructor(amount: number, unit: keyof typeof unitMs = 'milliseconds') {
        if (!Number.isFinite(amount)) throw new RangeError(`Duration needs a finite amount, got ${amount}`);
        if (!(unit in unitMs)) throw new RangeError(`Unknown duration unit ${String(unit)}`);
        this.ms = amount * unitMs[unit];
    }
    asMilliseconds(): number { return this.ms; }
    asSeconds(): number { return this.ms / unitMs.seconds; }
    asMinutes(): number { return this.ms / unitMs.minutes; }
    asHours(): number { return this.ms / unitMs.hours; }
    add(other: Duration): Duration { return new Duration(this.ms + other.asMilliseconds()); }
    toJSON(): number { return this.ms; }
}

export class TDatetime {
    private readonly ms: number;
    constructor(value?: Date | number | string | TDatetime) {
        const ms = value === undefined ? Date.now()
            : value instanceof TDatetime ? value.getTime()
            : isDate(value) ? value.getTime()
            : typeof value === 'number' ? value
            : Date.parse(value);
        if (!Number.isFinite(ms)) throw new RangeError(`Not a valid moment: ${String(value)}`);
        this.ms = ms;
    }
    add(duration: Duration): TDatetime { return new TDatetime(this.ms + duration.asMilliseconds()); }
    sub(other: TDatetime): Duration { return new Duration(this.ms - other.getTime()); }
    before(other: TDatetime): boolean { return this.ms < other.getTime(); }
    after(other: TDatetime): boolean { return this.ms > other.getTime(); }
    format(pattern = 'yyyy-MM-dd HH:mm', timeZone = 'UTC'): string {
        return DateTime.fromMillis(this.ms, { zone: timeZone }).toFormat(pattern);
    }
    asDate(): Date { return new Date(this.ms); }
    getTime(): number { return this.ms; }
    toJSON(): string { return new Date(this.ms).toISOString(); }
    toString(): string { return this.toJSON(); }
}

export class TDate {
    constructor(readonly year: number, readonly month: number, readonly day: number) {
        const d = new Date(Date.UTC(year, month - 1, day));
        if (!Number.isInteger(year) || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
            throw new RangeError(`Not a real date: ${year}-${month}-${day}`);
        }
    }
    /** Parses `YYYY-MM-DD`; undefined when it is not a real date. */
    static parse(text: string): TDate | undefined {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
        if (!m) return undefined;
        try {
            return new TDate(Number(m[1]), Number(m[2]), Number(m[3]));
        } catch {
            return undefined;
        }
    }
    toString(): string {
        return `${String(this.year).padStart(4, '0')}-${String(this.month).padStart(2, '0')}-${String(this.day).padStart(2, '0')}`;
    }
    toJSON(): string { return this.toString(); }
}
