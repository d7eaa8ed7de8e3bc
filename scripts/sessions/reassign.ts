/**
 * Reassign (SPEC §3.2) to another operator of the live chat, or to one of its operator
 * groups (the session then waits in that group's queue). With the global setting
 * "reassign only to Online operators", an Offline target is refused; a target at the
 * live chat's limits is refused as taking would be (CAPACITY_REACHED).
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { isOnline } from '../operators/status';
import { capacityFreed } from '../routing/drain-queue';
import { lineOperators } from '../routing/snapshot';
import { readSettings } from '../settings/global-settings';
import { groupCodes } from '../shared/apps';
import { noticeInvited } from '../shared/notices';
import { refusal } from '../shared/errors';
import { ok, optionalText } from '../shared/http';
import { sessionView } from '../shared/views';
import { assignTo, enqueue } from './assign';
import { requireRoom } from './capacity';
import { withFreshSession } from './fresh';
import { requireOpen } from './load';
import { sessionRequest } from './session-request';

export async function reassignSession(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, user, session, line } = await sessionRequest(req, 'reassign');
    const operatorId = optionalText(values, 'operatorId', 100);
    const group = optionalText(values, 'group', 100);
    if (Boolean(operatorId) === Boolean(group)) throw refusal('VALIDATION_FAILED', 'Give either operatorId or group', { operatorId: 'or group is required' });
    if (operatorId) {
        if (!(await lineOperators(line)).has(operatorId)) throw refusal('TARGET_NOT_OPERATOR', 'The target is not an operator of this live chat');
        if ((await readSettings()).reassign_only_to_online && !(await isOnline(operatorId))) throw refusal('TARGET_OFFLINE', 'The target operator is Offline');
    } else if (!groupCodes(line.data.operator_groups).includes(group as string)) {
        throw refusal('TARGET_NOT_OPERATOR', 'The group is not an operator group of this live chat');
    }
    const previous = session.data.operator?.id ?? null;
    await withFreshSession(session, async () => {
        requireOpen(session);
        if (operatorId) {
            await requireRoom(line, operatorId, session, operatorId === user.id ? 'you' : 'target');
            await assignTo(session, line, operatorId, user.id);
        } else {
            await enqueue(session, line, group as string, null);
            await System.realtime.publish({ groups: [group as string] }, 'live_chats.session_invited', { line: line.id, session: session.id });
            await noticeInvited(line, session, user.id);
        }
        if (previous && previous !== operatorId) await capacityFreed(line.id);
    });
    return ok({ session: sessionView(session) });
}
