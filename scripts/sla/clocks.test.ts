/**
 * The clock rules on their own: a reminder and a violation are each taken once, a late
 * reminder is dropped when the deadline has passed too, a restart makes a new cycle, and a
 * stopped cycle counts as met or missed.
 */
import type { WorkingCalendar } from './calendar';
import { newState, nextAlarm, startClock, stopClock, takeDue, viewOf } from './clocks';
import type { SlaTerms } from './terms';

const always: WorkingCalendar = { zone: 'UTC', aroundTheClock: true, days: [], hours: { start: 0, end: 1440 }, lunch: null, exceptions: [] };
const terms: SlaTerms = {
    slaId: 's', name: 'S', calendar: always,
    standards: { response: { timeMs: 10_000, violation: 'activity_stream', reminder: 'email', remindBeforeMs: 3_000 } },
    notify: { user: null, group: null, operator: true }, route: { user: null, group: null },
};

describe('SLA clocks', () => {
    it('takes the reminder, then the violation, each once', () => {
        const state = newState(terms);
        const clock = startClock(state, 'response', 0)!;
        expect([clock.remindAt, clock.deadline, nextAlarm(clock)]).toEqual([7_000, 10_000, 7_000]);
        expect(takeDue(clock, 6_999)).toEqual({ remind: false, violate: false });
        expect(takeDue(clock, 7_000)).toEqual({ remind: true, violate: false });
        expect(takeDue(clock, 7_500)).toEqual({ remind: false, violate: false });
        expect(nextAlarm(clock)).toBe(10_000);
        expect(takeDue(clock, 12_000)).toEqual({ remind: false, violate: true });
        expect(takeDue(clock, 13_000)).toEqual({ remind: false, violate: false });
        expect(nextAlarm(clock)).toBeNull();
        expect(clock.violatedAt).toBe(10_000);
    });

    it('drops a reminder that comes after the deadline (the host was down), and violates', () => {
        const clock = startClock(newState(terms), 'response', 0)!;
        expect(takeDue(clock, 60_000)).toEqual({ remind: false, violate: true });
    });

    it('counts stopped cycles as met or missed, and a restart is a new cycle', () => {
        const state = newState(terms);
        startClock(state, 'response', 0);
        expect(stopClock(state, 'response', 5_000)).toBe(true);
        expect(stopClock(state, 'response', 6_000)).toBe(false);
        const again = startClock(state, 'response', 20_000)!;
        expect(again.cycle).toBe(2);
        stopClock(state, 'response', 40_000);
        expect(state.tally.response).toEqual({ met: 1, missed: 1 });
    });

    it('shows normal, warning under 20% left, overdue with the time since the deadline', () => {
        const state = newState(terms);
        startClock(state, 'response', 0);
        expect(viewOf(state, 7_000)[0]).toMatchObject({ level: 'normal', leftMs: 3_000 });
        expect(viewOf(state, 8_500)[0]).toMatchObject({ level: 'warning', leftMs: 1_500 });
        expect(viewOf(state, 12_000)[0]).toMatchObject({ level: 'overdue', overdueMs: 2_000 });
        expect(viewOf(newState(terms), 0)[0]).toMatchObject({ level: 'idle' });
    });
});
