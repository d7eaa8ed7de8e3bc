/**
 * What a closed stretch of a session adds to the reports' "SLA met %" (SPEC §6, §8): per
 * standard, the clock cycles that stopped in time and all that stopped. A session without
 * an SLA adds nothing.
 */
import type { Session } from '../shared/apps';
import { readState } from './clocks';

export function slaNumbers(session: Session): Record<`sla_${'reaction' | 'response' | 'resolution'}_${'met' | 'total'}`, number> {
    const tally = readState(session.data.sla_state)?.tally;
    const of = (t: { met: number; missed: number } | undefined) => ({ met: t?.met ?? 0, total: (t?.met ?? 0) + (t?.missed ?? 0) });
    const [reaction, response, resolution] = [of(tally?.reaction), of(tally?.response), of(tally?.resolution)];
    return {
        sla_reaction_met: reaction.met, sla_reaction_total: reaction.total,
        sla_response_met: response.met, sla_response_total: response.total,
        sla_resolution_met: resolution.met, sla_resolution_total: resolution.total,
    };
}
