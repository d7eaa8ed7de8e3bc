/**
 * The routing actions on an SLA violation (SPEC §6): to an operator, to a group's queue,
 * or to the least busy Online operator of a group. They run from a timer of their own,
 * after the violation is recorded, so a failing action never undoes the record; the clock
 * remembers that its action ran, so a rerun does nothing. A problem (the target is no
 * operator of the live chat, nobody of the group is Online) is told to the administrators.
 */
import type { TJSON } from '@brix/sdk';
import { leastOccupied } from '../routing/least-occupied';
import { capacityFreed } from '../routing/drain-queue';
import type { Facts } from '../routing/conditions';
import { lineOperators, routingSnapshot } from '../routing/snapshot';
import { assignTo, enqueue } from '../sessions/assign';
import { loadLine } from '../sessions/load';
import { groupCodes, type Line, type Session, type SlaStandard, type SlaViolationAction } from '../shared/apps';
import { readState } from './clocks';
import { tellAdministrators } from './mail';
import type { SlaTerms } from './terms';

export interface ActionPayload {
    session: string;
    standard: SlaStandard;
    cycle: number;
}

export async function queueViolationAction(payload: ActionPayload): Promise<void> {
    await System.timers.set(`sla-action:${payload.session}:${payload.standard}`, new TDatetime(), 'slaViolationAction', { ...payload });
}

/** Carries out the action; a string says why it could not be. */
async function route(action: SlaViolationAction, session: Session, line: Line, terms: SlaTerms): Promise<string | null> {
    const previous = session.data.operator?.id ?? null;
    const { user, group } = terms.route;
    if (action === 'route_operator') {
        if (!user || !(await lineOperators(line)).has(user)) return 'the operator to route to is not an operator of this live chat';
        if (user === previous) return null;
        await assignTo(session, line, user, null);
    } else {
        if (!group || !groupCodes(line.data.operator_groups).includes(group)) return 'the group to route to is not an operator group of this live chat';
        const snapshot = await routingSnapshot(line, {} as Facts, null);
        const target = action === 'route_least_busy'
            ? leastOccupied(snapshot.operators.filter((o) => o.groups.includes(group) && o.id !== previous), snapshot.perOperatorLimit)
            : undefined;
        if (target) await assignTo(session, line, target.id, null);
        else {
            await enqueue(session, line, group, null);
            await System.realtime.publish({ groups: [group] }, 'live_chats.session_invited', { line: line.id, session: session.id });
        }
        if (action === 'route_least_busy' && !target) return `nobody of the group ${group} is Online and free, so the session waits in its queue`;
    }
    if (previous && previous !== session.data.operator?.id) await capacityFreed(line.id);
    return null;
}

/** The timer script of a violation's routing action. */
export async function slaViolationAction(): Promise<void> {
    const p = Context.data.payload as unknown as ActionPayload;
    let problem: string | null = null;
    let link: string | undefined;
    try {
        await System.transaction(async () => {
            const session = await Namespace.app.sessions.search().where((f) => f.__id.eq(p.session)).first();
            const state = readState(session?.data.sla_state);
            const clock = state?.clocks[p.standard];
            if (!session || !state || !clock || clock.cycle !== p.cycle || clock.actionDone) return;
            clock.actionDone = true;
            session.data.sla_state = JSON.parse(JSON.stringify(state)) as TJSON;
            await session.save();
            // A session closed or marked spam since the violation is left where it is.
            if (!['waiting', 'assigned_to_operator', 'assigned_to_bot'].includes(session.data.state.code)) return;
            const line = await loadLine(session.data.line.id);
            link = `/widgets/live-chats/desk?line=${line.id}&session=${session.id}`;
            const action = state.terms.standards[p.standard]?.violation ?? 'none';
            problem = await route(action, session, line, state.terms);
            if (problem) await tellAdministrators(`${session.data.__name}: ${problem}`, link);
        });
    } catch (error) {
        await tellAdministrators(`the SLA action for session ${p.session} failed: ${(error as Error).message}`, link);
    }
}
