/**
 * Whether the sender of an inbound message is blocked in the channel's live chat (SPEC §5),
 * from their card if they have one, else from what the message and the messenger said.
 * Employees of the internal channel are never blocked.
 */
import type { MessengerProfile } from '../channels/other/user-info';
import type { Client } from '../shared/apps';
import type { Sender } from '../inbound/client';
import { blocklistVerdict } from './current';
import type { Verdict } from './matcher';
import { clientKeys, type ClientKeys } from './rules';

export function keysOfClient(client: Client): ClientKeys {
    const account = client.data.account as { id?: unknown } | null;
    return clientKeys({
        email: client.data.email?.email ?? null,
        phone: client.data.phone?.tel ?? null,
        account: account && typeof account === 'object' && typeof account.id === 'string' ? account.id : null,
        externalId: client.data.external_user_id,
    });
}

export async function senderVerdict(lineId: string, sender: Sender, known: Client | undefined, profile: MessengerProfile | undefined): Promise<Verdict> {
    if ('userId' in sender || known?.data.user) return { blocked: false, allowedBy: null };
    const keys = known ? keysOfClient(known) : clientKeys({ externalId: sender.externalUserId, phone: profile?.phoneNumber ?? null, email: profile?.email ?? null });
    return blocklistVerdict(keys, lineId);
}
