/**
 * Working time of a service schedule (SPEC §6): an instant is working time when its wall
 * clock, in the schedule's time zone, falls in the working hours of its local date. Pure
 * (luxon only), so the tests check it against a minute-by-minute count.
 *
 * Each local date is cut into pieces of constant UTC offset; inside a piece wall-clock
 * time maps to instants by one subtraction, so a DST jump or repeat is exact: a skipped
 * hour is no working time, a repeated hour counts twice.
 */
import { DateTime } from 'luxon';

/** Working hours as minutes of the day, end exclusive; end may be 1440 (midnight). */
export interface Hours {
    start: number;
    end: number;
}

export type ExceptionKind = 'holiday' | 'short' | 'working';

export interface CalendarException {
    /** The local date, YYYY-MM-DD. */
    date: string;
    kind: ExceptionKind;
    /** Hours of a short or extra working day; the regular hours (a short day: one hour less) when absent. */
    hours?: Hours | null;
}

export interface WorkingCalendar {
    zone: string;
    aroundTheClock: boolean;
    /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
    days: number[];
    hours: Hours;
    lunch: Hours | null;
    exceptions: CalendarException[];
}

const MINUTE = 60_000;
const DAY_MINUTES = 1440;
/** How far a search for working time goes before it concludes there is none (ten years). */
const SEARCH_DAYS = 3660;

/** The working windows of a local date, in minutes of the day, sorted and disjoint. */
export function windowsOf(cal: WorkingCalendar, date: DateTime): Hours[] {
    const iso = date.toISODate();
    const exception = cal.exceptions.find((e) => e.date === iso);
    if (exception?.kind === 'holiday') return [];
    const regular = cal.aroundTheClock ? { start: 0, end: DAY_MINUTES } : cal.hours;
    let hours: Hours;
    if (exception?.kind === 'short') hours = exception.hours ?? { start: regular.start, end: Math.max(regular.start, regular.end - 60) };
    else if (exception?.kind === 'working') hours = exception.hours ?? regular;
    else if (cal.aroundTheClock || cal.days.includes(date.weekday)) hours = regular;
    else return [];
    if (hours.end <= hours.start) return [];
    const lunch = cal.aroundTheClock ? null : cal.lunch;
    if (!lunch || lunch.end <= lunch.start || lunch.end <= hours.start || lunch.start >= hours.end) return [hours];
    return [{ start: hours.start, end: lunch.start }, { start: lunch.end, end: hours.end }].filter((w) => w.end > w.start);
}

/** Where the offset changes inside [from, to): found by halving, to the millisecond. */
function offsetChange(zone: string, from: number, to: number): number {
    const offsetAt = (t: number) => DateTime.fromMillis(t, { zone }).offset;
    const first = offsetAt(from);
    let lo = from;
    let hi = to - 1;
    while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid) === first) lo = mid;
        else hi = mid;
    }
    return hi;
}

/** The working intervals (instants, end exclusive) of the local date that starts at `dayStart`. */
export function workingIntervals(cal: WorkingCalendar, dayStart: DateTime): [number, number][] {
    const windows = windowsOf(cal, dayStart);
    if (windows.length === 0) return [];
    const from = dayStart.toMillis();
    const to = dayStart.plus({ days: 1 }).startOf('day').toMillis();
    const pieces: [number, number][] = [];
    let cursor = from;
    // At most a couple of offset changes in a day; each piece has one offset.
    while (cursor < to) {
        const sameOffsetAtEnd = DateTime.fromMillis(to - 1, { zone: cal.zone }).offset === DateTime.fromMillis(cursor, { zone: cal.zone }).offset;
        const end = sameOffsetAtEnd ? to : offsetChange(cal.zone, cursor, to);
        pieces.push([cursor, end]);
        cursor = end;
    }
    const midnightWall = Date.UTC(dayStart.year, dayStart.month - 1, dayStart.day);
    const out: [number, number][] = [];
    for (const [p0, p1] of pieces) {
        const offsetMs = DateTime.fromMillis(p0, { zone: cal.zone }).offset * MINUTE;
        for (const w of windows) {
            const a = Math.max(p0, midnightWall + w.start * MINUTE - offsetMs);
            const b = Math.min(p1, midnightWall + w.end * MINUTE - offsetMs);
            if (b > a) out.push([a, b]);
        }
    }
    return out.sort((x, y) => x[0] - y[0]);
}

function localDay(cal: WorkingCalendar, at: number): DateTime {
    return DateTime.fromMillis(at, { zone: cal.zone }).startOf('day');
}

/** Working time between two instants, in milliseconds (0 when `to` is not after `from`). */
export function workingTimeBetween(cal: WorkingCalendar, from: number, to: number): number {
    let total = 0;
    for (let day = localDay(cal, from); day.toMillis() < to; day = day.plus({ days: 1 }).startOf('day')) {
        for (const [a, b] of workingIntervals(cal, day)) total += Math.max(0, Math.min(b, to) - Math.max(a, from));
    }
    return total;
}

/**
 * The instant when `durationMs` of working time has passed since `from`; `from` itself for a
 * zero duration. null when the schedule has no working time in the next ten years.
 */
export function addWorkingTime(cal: WorkingCalendar, from: number, durationMs: number): number | null {
    if (durationMs <= 0) return from;
    let left = durationMs;
    let day = localDay(cal, from);
    for (let i = 0; i < SEARCH_DAYS; i += 1, day = day.plus({ days: 1 }).startOf('day')) {
        for (const [a, b] of workingIntervals(cal, day)) {
            const start = Math.max(a, from);
            if (b <= start) continue;
            if (b - start >= left) return start + left;
            left -= b - start;
        }
    }
    return null;
}

/** Whether `at` is working time. */
export function isWorkingTime(cal: WorkingCalendar, at: number): boolean {
    return workingIntervals(cal, localDay(cal, at)).some(([a, b]) => at >= a && at < b);
}
