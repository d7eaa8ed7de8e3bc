/**
 * A session as a row of the desk's lists: the session itself plus what a help desk's list
 * shows at a glance — the client's name, the channel's kind, the last message, how many
 * client messages wait unread, and the worst SLA level. One query for the page's clients and
 * one for the live chat's channels, whatever the page's length; the rest is on the session.
 */
import type { Line, Session } from '../shared/apps';
import { sessionView } from '../shared/views';
import { slaCard } from '../sla/card';

type SlaMark = 'overdue' | 'warning' | null;

function slaMark(session: Session, now: number): SlaMark {
    const card = slaCard(session, now);
    if (!card) return null;
    const levels = card.standards.map((s) => s.level);
    if (levels.includes('overdue') || levels.includes('missed')) return 'overdue';
    return levels.includes('warning') ? 'warning' : null;
}

export async function listRows(sessions: readonly Session[], line: Line) {
    const clientIds = [...new Set(sessions.map((s) => s.data.clients?.[0]?.id).filter((id): id is string => Boolean(id)))];
    const clients = clientIds.length
        ? await Namespace.app.clients.search().where((f) => f.__id.in(clientIds)).size(clientIds.length).all()
        : [];
    const clientName = new Map(clients.map((c) => [c.id, c.data.__name]));
    const channels = await Namespace.app.channels.search().where((f) => f.line.eq(line.id)).size(1000).all();
    const channel = new Map(channels.map((c) => [c.id, { kind: c.data.kind.code, name: c.data.__name }]));
    const now = new TDatetime().getTime();
    return sessions.map((s) => {
        const first = s.data.clients?.[0]?.id;
        const via = s.data.channel ? channel.get(s.data.channel.id) : undefined;
        return {
            ...sessionView(s),
            clientName: (first && clientName.get(first)) || null,
            channelKind: via?.kind ?? null,
            channelName: via?.name ?? null,
            preview: s.data.last_message_preview ?? null,
            unread: s.data.unread_count ?? 0,
            sla: slaMark(s, now),
        };
    });
}
