/**
 * The timer script of an SLA clock (SPEC §6): records what is due — the reminder, the
 * violation — on the clock in the same transaction as its effects, so each is processed
 * exactly once however often the timer runs (after a restart, a crash, a repeat). A spam
 * session's clock still records and shows its violation, but nobody is told and no
 * automation starts.
 */
import type { TJSON } from '@brix/sdk';
import { postSystemNote } from '../messages/system-note';
import { loadLine } from '../sessions/load';
import type { SlaStandard } from '../shared/apps';
import { emitEvent, publishSessionChange } from '../shared/publish';
import { renderText } from '../shared/render-template';
import violatedNote from '../../templates/notes/sla-violated.hbs';
import { readState, takeDue } from './clocks';
import { tell } from './notify';
import { queueViolationAction } from './route-on-violation';
import { armClock } from './session-clocks';

const standardNames: Record<SlaStandard, string> = { reaction: 'Reaction time', response: 'Response time', resolution: 'Resolution time' };

export async function slaClockDue(): Promise<void> {
    const p = Context.data.payload as { session?: string; standard?: SlaStandard; cycle?: number } | undefined;
    const std = p?.standard;
    if (!p?.session || !std) return;
    await System.transaction(async () => {
        const session = await Namespace.app.sessions.search().where((f) => f.__id.eq(p.session as string)).first();
        const state = readState(session?.data.sla_state);
        const clock = state?.clocks[std];
        const terms = state?.terms.standards[std];
        // A timer of an earlier cycle (the clock restarted since) has nothing to do.
        if (!session || !state || !clock || !terms || clock.cycle !== p.cycle) return;
        const due = takeDue(clock, new TDatetime().getTime());
        if (due.remind || due.violate) {
            session.data.sla_state = JSON.parse(JSON.stringify(state)) as TJSON;
            await session.save();
            const line = await loadLine(session.data.line.id);
            const spam = session.data.state.code === 'marked_as_spam';
            const ctx = { session, line, std, deadline: clock.deadline, terms: state.terms, cycle: clock.cycle };
            const event = { session: session.id, line: line.id, standard: std, sla: state.terms.slaId, deadline: clock.deadline === null ? null : new Date(clock.deadline).toISOString(), operator: session.data.operator?.id ?? null };
            if (due.violate) await postSystemNote(session, line, renderText(violatedNote, { standard: standardNames[std], sla_name: state.terms.name }));
            if (!spam && due.remind) {
                if (terms.reminder !== 'none') await tell('reminder', terms.reminder, ctx);
                await emitEvent('sla_reminder', event);
            }
            if (!spam && due.violate) {
                if (terms.violation === 'activity_stream' || terms.violation === 'email') await tell('violation', terms.violation, ctx);
                else if (terms.violation !== 'none') await queueViolationAction({ session: session.id, standard: std, cycle: clock.cycle });
                await emitEvent('sla_violated', event);
            }
            if (!spam) await publishSessionChange(line, 'session_updated', session);
        }
        await armClock(session.id, std, state);
    });
}
