/**
 * The internal channel's customers: employees in one of the live chat's internal customer
 * groups (SPEC §4), writing from the Messages workspace.
 */
import type { UserItem } from '@brix/sdk';
import { groupCodes, type Channel, type Line } from '../../shared/apps';
import { refusal } from '../../shared/errors';

export function isInternalCustomer(user: UserItem, line: Line): boolean {
    return groupCodes(line.data.internal_customer_groups).some((c) => user.data.groupIds.includes(c));
}

/**
 * The live chat's active internal channel for an internal customer.
 * @throws ApiError FORBIDDEN_ROLE or CHANNEL_INACTIVE.
 */
export async function internalChannelFor(user: UserItem, line: Line): Promise<Channel> {
    if (!isInternalCustomer(user, line)) throw refusal('FORBIDDEN_ROLE', 'You are not an internal customer of this live chat');
    const channel = await Namespace.app.channels.search()
        .where((f, g) => g.and(f.line.eq(line.id), f.kind.eq('internal'), f.state.eq('active'))).first();
    if (!channel) throw refusal('CHANNEL_INACTIVE', 'This live chat has no active internal channel');
    return channel;
}
