import { measureStretch, type TimedMessage } from './measure';

const msg = (at: number, kind: TimedMessage['kind'], staffOnly = false): TimedMessage => ({ at, kind, staffOnly });

describe('measuring a closed stretch of a session', () => {
    it('takes one response sample per reply that answers the first unanswered client message', () => {
        const m = measureStretch([
            msg(0, 'client'), msg(10, 'client'), msg(30, 'operator'), msg(35, 'operator'),
            msg(40, 'client'), msg(100, 'operator'), msg(120, 'client'),
        ], { start: 0, acceptedAt: 5, closedAt: 200 });
        expect(m).toEqual({ responseSumMs: 30 + 60, responseCount: 2, maxWaitMs: 60, durationMs: 200, firstResponseMs: 25 });
    });

    it('ignores staff-only notes and messages outside the stretch', () => {
        const m = measureStretch([msg(0, 'client'), msg(50, 'client'), msg(60, 'system', true), msg(70, 'operator', true), msg(90, 'operator'), msg(500, 'operator')],
            { start: 40, acceptedAt: null, closedAt: 100 });
        expect(m).toEqual({ responseSumMs: 40, responseCount: 1, maxWaitMs: 40, durationMs: 60, firstResponseMs: null });
    });

    it('measures the first response from the assignment, or from the stretch start for an older assignment', () => {
        expect(measureStretch([msg(10, 'client'), msg(80, 'operator')], { start: 50, acceptedAt: 5, closedAt: 90 }).firstResponseMs).toBe(30);
        expect(measureStretch([msg(10, 'client')], { start: 0, acceptedAt: 5, closedAt: 90 }).firstResponseMs).toBeNull();
    });

    it('takes the wait time as the longest single wait, and leaves an unanswered message out of the samples', () => {
        const m = measureStretch([
            msg(0, 'client'), msg(20, 'operator'), msg(30, 'client'), msg(130, 'operator'), msg(140, 'client'), msg(150, 'client'),
        ], { start: 0, acceptedAt: 0, closedAt: 300 });
        expect(m).toEqual({ responseSumMs: 20 + 100, responseCount: 2, maxWaitMs: 100, durationMs: 300, firstResponseMs: 20 });
    });

    it('counts a bot reply for neither response nor first response time', () => {
        const m = measureStretch([msg(0, 'client'), msg(5, 'bot'), msg(50, 'operator')], { start: 0, acceptedAt: 10, closedAt: 60 });
        expect(m).toMatchObject({ responseSumMs: 50, responseCount: 1, firstResponseMs: 40 });
    });
});
