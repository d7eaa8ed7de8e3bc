/**
 * The operator group a closed stretch counts for in the reports (SPEC §8 filter "operator
 * groups"). Each stretch counts for one group at most, so the groups partition the totals
 * and a report by group never counts a session twice:
 * - the session's own group when it was routed to one;
 * - otherwise the first of the live chat's operator groups (in the live chat's order) that
 *   the operator belonged to when the stretch closed;
 * - otherwise none (a session nobody took, or an operator outside every group).
 * The group is stored on the report entry, so later membership changes do not move
 * past numbers.
 */
import type { TUser } from '@brix/sdk';
import { groupCodes, type Line } from '../shared/apps';

export async function reportGroup(sessionGroup: string | null, operator: TUser | null, line: Line): Promise<string | null> {
    if (sessionGroup) return sessionGroup;
    if (!operator) return null;
    const user = await operator.fetch().catch(() => null);
    if (!user) return null;
    return groupCodes(line.data.operator_groups).find((code) => user.data.groupIds.includes(code)) ?? null;
}
