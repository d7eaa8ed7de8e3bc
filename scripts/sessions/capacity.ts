/**
 * The optional limits of simultaneous active sessions (beyond BRIX, SPEC §3.4), checked
 * whenever a person hands a session to an operator: taking it, or reassigning it. Routing
 * checks the same limits when it places sessions itself (routing/snapshot.ts).
 */
import type { Line, Session } from '../shared/apps';
import { refusal } from '../shared/errors';

/**
 * @param session the session to give; one already assigned in this live chat does not add to its total.
 * @param who `you` when the operator takes it, `target` when someone reassigns it to them.
 * @throws ApiError CAPACITY_REACHED
 */
export async function requireRoom(line: Line, operatorId: string, session: Session, who: 'you' | 'target'): Promise<void> {
    const active = (operator?: string) => Namespace.app.sessions.search().where((f, g) => g.and(
        f.line.eq(line.id), f.state.eq('assigned_to_operator'), ...(operator ? [f.operator.eq(operator)] : []),
    )).count();
    const alreadyActive = session.data.state.code === 'assigned_to_operator';
    if (alreadyActive && session.data.operator?.id === operatorId) return;
    const perOperator = line.data.max_active_per_operator;
    if (perOperator && perOperator > 0 && (await active(operatorId)) >= perOperator) {
        throw refusal('CAPACITY_REACHED', who === 'you' ? `You already have ${perOperator} active sessions` : `The operator already has ${perOperator} active sessions`);
    }
    const perLine = line.data.max_active_sessions;
    if (!alreadyActive && perLine && perLine > 0 && (await active()) >= perLine) {
        throw refusal('CAPACITY_REACHED', `The live chat already has ${perLine} active sessions`);
    }
}
