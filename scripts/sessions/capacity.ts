/**
 * The optional limits of simultaneous active sessions (beyond BRIX, SPEC §3.4), checked
 * when an operator takes a session by hand. @throws ApiError CAPACITY_REACHED
 */
import type { Line } from '../shared/apps';
import { refusal } from '../shared/errors';

export async function requireRoom(line: Line, operatorId: string): Promise<void> {
    const active = (operator?: string) => Namespace.app.sessions.search().where((f, g) => g.and(
        f.line.eq(line.id), f.state.eq('assigned_to_operator'), ...(operator ? [f.operator.eq(operator)] : []),
    )).count();
    const perOperator = line.data.max_active_per_operator;
    if (perOperator && perOperator > 0 && (await active(operatorId)) >= perOperator) {
        throw refusal('CAPACITY_REACHED', `You already have ${perOperator} active sessions`);
    }
    const perLine = line.data.max_active_sessions;
    if (perLine && perLine > 0 && (await active()) >= perLine) {
        throw refusal('CAPACITY_REACHED', `The live chat already has ${perLine} active sessions`);
    }
}
