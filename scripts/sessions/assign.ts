/**
 * Puts a session with an operator, or back in a queue. Every assignment path (routing,
 * take, reassign, freed capacity) goes through here so state, counters, notifications
 * and events stay consistent.
 */
import type { TJSON } from '@brix/sdk';
import assignedNote from '../../templates/notes/assigned.hbs';
import queuedNote from '../../templates/notes/queued.hbs';
import assignedNotice from '../../templates/notifications/session-assigned.hbs';
import { nameOf, postSystemNote } from '../messages/system-note';
import { operatorState } from '../operators/status';
import type { Line, Session } from '../shared/apps';
import { renderText } from '../shared/render-template';
import { emitEvent, publishSessionChange } from '../shared/publish';
import { enumOf, userRef } from '../shared/values';

export async function assignTo(session: Session, line: Line, operatorId: string, by: string | null): Promise<void> {
    const previous = session.data.operator?.id ?? null;
    const wasAssigned = session.data.state.code === 'assigned_to_operator';
    session.data.operator = userRef(operatorId);
    session.data.state = enumOf('assigned_to_operator');
    session.data.accepted_at = session.data.accepted_at ?? new TDatetime();
    session.data.auto_assign = null;
    session.data.waiting_since = null;
    await session.save();
    const state = await operatorState(operatorId);
    if (state) {
        state.data.last_assigned_at = new TDatetime();
        await state.save();
    }
    if (by !== operatorId) {
        await System.notifications.send({ users: [operatorId] }, { title: renderText(assignedNotice, {}), text: session.data.__name, link: `/widgets/live-chats/desk?line=${line.id}&session=${session.id}` });
    }
    await postSystemNote(session, line, renderText(assignedNote, {
        operator: await nameOf(operatorId), took: by === operatorId, by: by && by !== operatorId ? await nameOf(by) : null,
    }));
    await publishSessionChange(line, 'session_updated', session);
    const reassigned = wasAssigned && previous !== null && previous !== operatorId;
    await emitEvent(reassigned ? 'session_reassigned' : 'session_assigned', { session: session.id, line: line.id, operator: operatorId, previousOperator: previous, by });
}

/** Puts the session in the common queue (group null) or a group's queue. */
export async function enqueue(session: Session, line: Line, group: string | null, waitFor: TJSON | null): Promise<void> {
    if (session.data.state.code !== 'waiting' || !session.data.waiting_since) session.data.waiting_since = new TDatetime();
    session.data.state = enumOf('waiting');
    session.data.operator = null;
    session.data.operator_group = group;
    session.data.auto_assign = waitFor;
    await session.save();
    await postSystemNote(session, line, renderText(queuedNote, { group }));
    await publishSessionChange(line, 'session_queued', session);
}
