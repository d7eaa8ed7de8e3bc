/**
 * The three SLA clocks of a session (SPEC §6) as plain data kept on the session: when each
 * started, its deadline and reminder in working time, and what was already done about
 * them. Pure: the timer script, the message paths and the session card all read and move
 * clocks through these functions, so "already reminded? already violated?" has one answer.
 */
import type { SlaStandard } from '../shared/apps';
import { addWorkingTime, workingTimeBetween } from './calendar';
import { standards, type SlaTerms } from './terms';

export interface Clock {
    /** Counts the starts: a timer for an older start finds a newer cycle and does nothing. */
    cycle: number;
    startedAt: number;
    /** null: the schedule has no working time ahead, so the clock can never run out. */
    deadline: number | null;
    remindAt: number | null;
    reminded: boolean;
    /** The deadline, once the violation has been processed. */
    violatedAt: number | null;
    stoppedAt: number | null;
    /** The violation's routing action has run (sla/route-on-violation.ts). */
    actionDone?: boolean;
}

export interface Tally {
    met: number;
    missed: number;
}

export interface SlaState {
    terms: SlaTerms;
    clocks: Partial<Record<SlaStandard, Clock>>;
    /** Stopped cycles per standard, for the reports. */
    tally: Record<SlaStandard, Tally>;
}

export function newState(terms: SlaTerms): SlaState {
    return { terms, clocks: {}, tally: { reaction: { met: 0, missed: 0 }, response: { met: 0, missed: 0 }, resolution: { met: 0, missed: 0 } } };
}

export const isRunning = (clock: Clock | undefined): clock is Clock => Boolean(clock) && clock!.stoppedAt === null;

/** Starts (or restarts) a standard's clock at `now`; undefined when the standard is not active. */
export function startClock(state: SlaState, std: SlaStandard, now: number): Clock | undefined {
    const terms = state.terms.standards[std];
    if (!terms) return undefined;
    const cal = state.terms.calendar;
    const leadOk = terms.reminder !== 'none' && terms.remindBeforeMs > 0 && terms.remindBeforeMs < terms.timeMs;
    const clock: Clock = {
        cycle: (state.clocks[std]?.cycle ?? 0) + 1,
        startedAt: now,
        deadline: addWorkingTime(cal, now, terms.timeMs),
        remindAt: leadOk ? addWorkingTime(cal, now, terms.timeMs - terms.remindBeforeMs) : null,
        reminded: false,
        violatedAt: null,
        stoppedAt: null,
    };
    state.clocks[std] = clock;
    return clock;
}

/** Stops a running clock; the cycle counts as met unless its deadline had passed. */
export function stopClock(state: SlaState, std: SlaStandard, now: number): boolean {
    const clock = state.clocks[std];
    if (!isRunning(clock)) return false;
    clock.stoppedAt = now;
    const missed = clock.violatedAt !== null || (clock.deadline !== null && now >= clock.deadline);
    state.tally[std][missed ? 'missed' : 'met'] += 1;
    return true;
}

/** When the clock next needs attention: its reminder, then its deadline; null when done. */
export function nextAlarm(clock: Clock): number | null {
    if (clock.stoppedAt !== null || clock.violatedAt !== null) return null;
    if (!clock.reminded && clock.remindAt !== null) return clock.remindAt;
    return clock.deadline;
}

/**
 * What is due on the clock at `now`, recorded on it so it is never done twice: a reminder
 * (unless its deadline has passed too: a late reminder helps nobody) and the violation.
 */
export function takeDue(clock: Clock, now: number): { remind: boolean; violate: boolean } {
    if (clock.stoppedAt !== null) return { remind: false, violate: false };
    const violate = clock.violatedAt === null && clock.deadline !== null && now >= clock.deadline;
    const remind = !clock.reminded && clock.remindAt !== null && now >= clock.remindAt && !violate && clock.violatedAt === null;
    if (remind || violate) clock.reminded = true;
    if (violate) clock.violatedAt = clock.deadline;
    return { remind, violate };
}

export type ClockLevel = 'idle' | 'normal' | 'warning' | 'overdue' | 'met' | 'missed';

/** A standard as the session page shows it. */
export interface ClockView {
    standard: SlaStandard;
    level: ClockLevel;
    deadline: number | null;
    /** Working time left (normal, warning), at `asOf`. */
    leftMs: number | null;
    totalMs: number;
    /** Since the violation (overdue, missed), at `asOf`. */
    overdueMs: number | null;
    /** Whether the clock counts at `asOf` (working time now): the page ticks it down only then. */
    ticking: boolean;
}

/** Normal with more than 20% of the time left, warning under it, overdue past the deadline. */
export function viewOf(state: SlaState, now: number): ClockView[] {
    const out: ClockView[] = [];
    for (const std of standards) {
        const terms = state.terms.standards[std];
        if (!terms) continue;
        const clock = state.clocks[std];
        const base = { standard: std, totalMs: terms.timeMs, deadline: clock?.deadline ?? null, leftMs: null, overdueMs: null, ticking: false };
        if (!clock) {
            out.push({ ...base, level: 'idle' });
            continue;
        }
        const end = clock.stoppedAt ?? now;
        const late = clock.violatedAt !== null || (clock.deadline !== null && end >= clock.deadline);
        if (clock.stoppedAt !== null) {
            out.push({ ...base, level: late ? 'missed' : 'met', overdueMs: late && clock.deadline !== null ? clock.stoppedAt - clock.deadline : null });
        } else if (late) {
            out.push({ ...base, level: 'overdue', overdueMs: now - (clock.deadline as number), ticking: true });
        } else {
            const cal = state.terms.calendar;
            const leftMs = clock.deadline === null ? null : workingTimeBetween(cal, now, clock.deadline);
            const warning = leftMs !== null && leftMs < 0.2 * terms.timeMs;
            const ticking = clock.deadline !== null && workingTimeBetween(cal, now, now + 1000) > 0;
            out.push({ ...base, level: warning ? 'warning' : 'normal', leftMs, ticking });
        }
    }
    return out;
}

/** The state stored on a session, or undefined when it has none (or an unreadable one). */
export function readState(value: unknown): SlaState | undefined {
    if (typeof value !== 'object' || value === null || !('terms' in value) || !('clocks' in value)) return undefined;
    return value as SlaState;
}
