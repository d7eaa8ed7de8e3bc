/**
 * Moves a session's SLA clocks as the conversation goes (SPEC §6): distribution starts
 * reaction and resolution; an operator reply stops reaction and response; a client
 * message after a reply restarts response; closing stops everything. Reassignment touches
 * nothing. Each function changes `session.data` only — the caller's next save stores it —
 * and keeps one durable timer per running standard.
 */
import type { TJSON } from '@brix/sdk';
import type { Session, SlaStandard } from '../shared/apps';
import { isRunning, newState, nextAlarm, readState, startClock, stopClock, type SlaState } from './clocks';
import { standards, termsOf } from './terms';

const timerKey = (sessionId: string, std: SlaStandard) => `sla:${sessionId}:${std}`;

/** Sets (or cancels) the one timer of a standard: it fires at the clock's next alarm. */
export async function armClock(sessionId: string, std: SlaStandard, state: SlaState): Promise<void> {
    const clock = state.clocks[std];
    const at = clock ? nextAlarm(clock) : null;
    if (at === null || !clock) await System.timers.cancel(timerKey(sessionId, std));
    else await System.timers.set(timerKey(sessionId, std), new TDatetime(at), 'slaClockDue', { session: sessionId, standard: std, cycle: clock.cycle });
}

function store(session: Session, state: SlaState): void {
    session.data.sla_state = JSON.parse(JSON.stringify(state)) as TJSON;
}

/**
 * The session was distributed by a rule naming `slaId` (or none): it keeps that SLA's terms
 * as they are now, and its reaction and resolution clocks start. A resumed session that a
 * rule without SLA distributes has none.
 */
export async function startSla(session: Session, slaId: string | null): Promise<void> {
    await stopAll(session);
    const found = slaId ? await termsOf(slaId) : undefined;
    if (!found) {
        session.data.sla = null;
        session.data.sla_state = null;
        return;
    }
    const state = newState(found.terms);
    const now = new TDatetime().getTime();
    startClock(state, 'reaction', now);
    startClock(state, 'resolution', now);
    session.data.sla = found.ref;
    store(session, state);
    for (const std of standards) await armClock(session.id, std, state);
}

/**
 * A client wrote to an open session: after an operator's reply, the response clock starts
 * (one timer write); while it runs, or without an SLA, nothing happens.
 */
export async function clientWrote(session: Session): Promise<void> {
    const state = readState(session.data.sla_state);
    if (!state?.terms.standards.response || isRunning(state.clocks.response)) return;
    const reaction = state.clocks.reaction;
    // Before the first reply the reaction clock covers the client's messages.
    if (!reaction || reaction.stoppedAt === null) return;
    startClock(state, 'response', new TDatetime().getTime());
    store(session, state);
    await armClock(session.id, 'response', state);
}

/** An operator replied: the reaction and response clocks stop. */
export async function operatorReplied(session: Session): Promise<void> {
    const state = readState(session.data.sla_state);
    if (!state) return;
    const now = new TDatetime().getTime();
    const stopped = (['reaction', 'response'] as const).filter((std) => stopClock(state, std, now));
    // A reaction standard that is not active still marks the first reply, so response can start after it.
    if (!state.clocks.reaction) state.clocks.reaction = { cycle: 1, startedAt: now, deadline: null, remindAt: null, reminded: true, violatedAt: null, stoppedAt: now };
    store(session, state);
    for (const std of stopped) await armClock(session.id, std, state);
}

/** The session closes: every clock stops. */
export async function stopAll(session: Session): Promise<void> {
    const state = readState(session.data.sla_state);
    if (!state) return;
    const now = new TDatetime().getTime();
    const stopped = standards.filter((std) => stopClock(state, std, now));
    store(session, state);
    for (const std of stopped) await armClock(session.id, std, state);
}
