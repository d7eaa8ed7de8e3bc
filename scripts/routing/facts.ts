/**
 * The facts routing conditions look at, taken from the session, its client and channel;
 * time of day and weekday are in the live chat's time zone.
 */
import type { Channel, Client, Line, Session } from '../shared/apps';
import type { Facts, FactValue } from './conditions';

async function isFirstSession(session: Session, client: Client | undefined): Promise<boolean> {
    if ((session.data.resumed_count ?? 0) > 0) return false;
    if (!client) return true;
    const others = await Namespace.app.sessions.search()
        .where((f, g) => g.and(f.clients.eq(client.id), f.__id.neq(session.id))).count();
    return others === 0;
}

export async function sessionFacts(session: Session, line: Line, client: Client | undefined, channel: Channel | undefined): Promise<Facts> {
    const zone = line.data.time_zone || 'UTC';
    const now = new TDatetime();
    const facts: Record<string, FactValue> = {
        channel: channel?.id ?? null,
        channel_kind: channel?.data.kind.code ?? null,
        time: now.format('HH:mm', zone),
        weekday: Number(now.format('c', zone)),
        priority: session.data.priority?.code ?? null,
        first_session: await isFirstSession(session, client),
        'client.name': client?.data.__name ?? null,
        'client.username': client?.data.username ?? null,
        'client.email': client?.data.email?.email ?? null,
        'client.phone': client?.data.phone?.tel ?? null,
        'client.external_user_id': client?.data.external_user_id ?? null,
    };
    const custom = session.data.custom_properties;
    if (custom && typeof custom === 'object' && !Array.isArray(custom)) {
        for (const [key, value] of Object.entries(custom)) {
            if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) facts[`custom.${key}`] = value as FactValue;
        }
    }
    return facts;
}
