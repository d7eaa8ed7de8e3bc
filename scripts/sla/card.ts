/**
 * The SLA standards as the session page shows them (SPEC §6): time left in working time,
 * a warning under 20% left, overdue with the time since the violation.
 */
import type { Session } from '../shared/apps';
import { readState, viewOf, type ClockView } from './clocks';

export interface SlaCard {
    name: string;
    /** The moment the figures are for; the page counts on from it. */
    asOf: number;
    standards: ClockView[];
}

export function slaCard(session: Session, now = new TDatetime().getTime()): SlaCard | null {
    const state = readState(session.data.sla_state);
    return state ? { name: state.terms.name, asOf: now, standards: viewOf(state, now) } : null;
}
