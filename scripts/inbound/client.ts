/**
 * Finds the client who wrote, or creates their card: an external client is identified by
 * (channel, external user id), an employee of the internal channel by (channel, user).
 */
import type { MessengerProfile } from '../channels/other/user-info';
import type { Channel, Client } from '../shared/apps';
import { userRef } from '../shared/values';

export type Sender = { externalUserId: string } | { userId: string };

export async function findClient(channel: Channel, sender: Sender): Promise<Client | undefined> {
    return Namespace.app.clients.search().where((f, g) => g.and(
        f.channel.eq(channel.id),
        'userId' in sender ? f.user.eq(sender.userId) : f.external_user_id.eq(sender.externalUserId),
    )).first();
}

const phonePattern = /^\+?[0-9 ()-]{3,30}$/;

export async function createClient(channel: Channel, sender: Sender, displayName: string, profile?: MessengerProfile): Promise<Client> {
    const client = Namespace.app.clients.create();
    const d = client.data;
    d.channel = channel.getRef();
    if ('userId' in sender) {
        d.user = userRef(sender.userId);
    } else {
        d.external_user_id = sender.externalUserId;
        d.username = profile?.username ?? null;
        d.avatar = profile?.avatar ?? null;
        if (profile?.phoneNumber && phonePattern.test(profile.phoneNumber)) d.phone = { type: 'mobile', tel: profile.phoneNumber };
        if (profile?.email) d.email = { type: 'work', email: profile.email };
    }
    d.__name = (profile?.displayName || profile?.username || displayName).slice(0, 200);
    await client.save();
    return client;
}

/** Updates a card from a newer messenger profile; empty values keep what is there. */
export async function refreshClient(client: Client, profile: MessengerProfile): Promise<void> {
    if (profile.username) {
        client.data.username = profile.username;
        client.data.__name = profile.username.slice(0, 200);
    }
    if (profile.avatar) client.data.avatar = profile.avatar;
    if (profile.phoneNumber && phonePattern.test(profile.phoneNumber)) client.data.phone = { type: 'mobile', tel: profile.phoneNumber };
    await client.save();
}
