/**
 * The working-time calculator against a brute-force reference that walks minute by minute
 * and asks each minute's wall clock (in the schedule's zone) whether it is working time —
 * around DST changes, with lunch breaks, holidays, short days and extra working days.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addWorkingTime, workingTimeBetween, type CalendarException, type WorkingCalendar } from './calendar';

const MINUTE = 60_000;

/** Is the minute starting at `at` working time, judged only from its local wall clock. */
function workingMinute(cal: WorkingCalendar, at: number): boolean {
    const local = DateTime.fromMillis(at, { zone: cal.zone });
    const minute = local.hour * 60 + local.minute;
    const exception = cal.exceptions.find((e) => e.date === local.toISODate());
    if (exception?.kind === 'holiday') return false;
    const regular = cal.aroundTheClock ? { start: 0, end: 1440 } : cal.hours;
    let hours = regular;
    if (exception?.kind === 'short') hours = exception.hours ?? { start: regular.start, end: Math.max(regular.start, regular.end - 60) };
    else if (exception?.kind === 'working') hours = exception.hours ?? regular;
    else if (!cal.aroundTheClock && !cal.days.includes(local.weekday)) return false;
    if (minute < hours.start || minute >= hours.end) return false;
    const lunch = cal.aroundTheClock ? null : cal.lunch;
    return !(lunch && minute >= lunch.start && minute < lunch.end);
}

function bruteBetween(cal: WorkingCalendar, from: number, to: number): number {
    let n = 0;
    for (let t = from; t < to; t += MINUTE) if (workingMinute(cal, t)) n += 1;
    return n * MINUTE;
}

function bruteAdd(cal: WorkingCalendar, from: number, duration: number): number | null {
    if (duration <= 0) return from;
    let left = duration / MINUTE;
    for (let t = from; t < from + 10 * 86_400_000; t += MINUTE) {
        if (!workingMinute(cal, t)) continue;
        left -= 1;
        if (left === 0) return t + MINUTE;
    }
    return null;
}

/** Periods around the 2024 DST changes of these zones, and a plain stretch. */
const zones = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Tokyo', 'UTC'];
const anchors = [Date.UTC(2024, 2, 29), Date.UTC(2024, 9, 25), Date.UTC(2024, 2, 8), Date.UTC(2024, 10, 1), Date.UTC(2024, 3, 4), Date.UTC(2024, 5, 10)];

const hhmm = fc.integer({ min: 0, max: 1440 });
const hours = fc.tuple(hhmm, hhmm).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));

const calendar = (anchor: number): fc.Arbitrary<WorkingCalendar> => fc.record({
    zone: fc.constantFrom(...zones),
    aroundTheClock: fc.boolean(),
    days: fc.subarray([1, 2, 3, 4, 5, 6, 7]),
    // Hours that cross the 02:00–03:00 DST hours often, as well as office hours.
    hours: fc.oneof(hours, fc.constant({ start: 60, end: 240 }), fc.constant({ start: 540, end: 1080 })),
    lunch: fc.option(hours, { nil: null }),
    exceptions: fc.array(fc.record({
        date: fc.integer({ min: -1, max: 12 }).map((d) => DateTime.fromMillis(anchor + d * 86_400_000, { zone: 'UTC' }).toISODate()!),
        kind: fc.constantFrom<CalendarException['kind']>('holiday', 'short', 'working'),
        hours: fc.option(hours, { nil: null }),
    }), { maxLength: 4 }),
});

const scenario = fc.constantFrom(...anchors).chain((anchor) => fc.record({
    cal: calendar(anchor),
    from: fc.integer({ min: 0, max: 6 * 1440 }).map((m) => anchor + m * MINUTE),
    span: fc.integer({ min: 0, max: 5 * 1440 }).map((m) => m * MINUTE),
}));

describe('working-time calculator', () => {
    it('measures the working time between two instants exactly as a minute-by-minute count', () => {
        fc.assert(fc.property(scenario, ({ cal, from, span }) => {
            expect(workingTimeBetween(cal, from, from + span)).toBe(bruteBetween(cal, from, from + span));
        }), { numRuns: 150 });
    });

    it('adds working time exactly as a minute-by-minute walk', () => {
        fc.assert(fc.property(scenario, fc.integer({ min: 0, max: 1200 }), ({ cal, from }, minutes) => {
            const expected = bruteAdd(cal, from, minutes * MINUTE);
            const got = addWorkingTime(cal, from, minutes * MINUTE);
            // The reference looks 10 days ahead; beyond that it says "never", the calculator looks further.
            if (expected !== null) expect(got).toBe(expected);
            if (got !== null && expected !== null) expect(workingTimeBetween(cal, from, got)).toBe(minutes * MINUTE);
        }), { numRuns: 150 });
    });

    const office: WorkingCalendar = {
        zone: 'Europe/Berlin', aroundTheClock: false, days: [1, 2, 3, 4, 5],
        hours: { start: 9 * 60, end: 18 * 60 }, lunch: { start: 13 * 60, end: 14 * 60 }, exceptions: [],
    };
    const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toMillis();

    it('skips the lunch break, the night and the weekend', () => {
        expect(addWorkingTime(office, at('2024-06-07T12:30'), 60 * MINUTE)).toBe(at('2024-06-07T14:30'));
        expect(addWorkingTime(office, at('2024-06-07T17:30'), 60 * MINUTE)).toBe(at('2024-06-10T09:30'));
    });

    it('skips a holiday and honours an extra working Saturday', () => {
        const cal = { ...office, exceptions: [{ date: '2024-06-10', kind: 'holiday' as const }, { date: '2024-06-08', kind: 'working' as const, hours: { start: 600, end: 720 } }] };
        expect(addWorkingTime(cal, at('2024-06-07T17:30'), 60 * MINUTE)).toBe(at('2024-06-08T10:30'));
        expect(addWorkingTime(cal, at('2024-06-08T11:30'), 60 * MINUTE)).toBe(at('2024-06-11T09:30'));
    });

    it('counts a night shift across the spring DST change as the hours that exist', () => {
        const night: WorkingCalendar = { ...office, aroundTheClock: false, days: [1, 2, 3, 4, 5, 6, 7], hours: { start: 0, end: 6 * 60 }, lunch: null };
        // 31 March 2024 in Berlin: 02:00 jumps to 03:00, so 00:00–06:00 holds five hours.
        expect(workingTimeBetween(night, at('2024-03-31T00:00'), at('2024-03-31T12:00'))).toBe(5 * 60 * MINUTE);
        expect(workingTimeBetween(night, at('2024-10-27T00:00'), at('2024-10-27T12:00'))).toBe(7 * 60 * MINUTE);
    });

    it('finds no deadline in a schedule without working time', () => {
        expect(addWorkingTime({ ...office, days: [] }, at('2024-06-07T12:00'), MINUTE)).toBeNull();
    });
});
