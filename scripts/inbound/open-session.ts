/**
 * The session a client's message belongs to (SPEC §3.2): their latest session on the
 * channel — resumed (reopened, history kept) if it was closed — or a new one. A blocked
 * client (SPEC §5) joins a session that is still open, as it was, and otherwise gets a new
 * session that is spam from the start; once unblocked they get a new session again.
 */
import type { Channel, Client, Line, Session } from '../shared/apps';
import { enumOf } from '../shared/values';
import { sessionName } from './session-name';

export interface OpenedSession {
    session: Session;
    /** Created now. */
    created: boolean;
    /** A closed session reopened now. */
    resumed: boolean;
}

export async function latestSession(channel: Channel, client: Client): Promise<Session | undefined> {
    return Namespace.app.sessions.search()
        .where((f, g) => g.and(f.channel.eq(channel.id), f.clients.eq(client.id)))
        .sort('__createdAt', false).first();
}

/** Reopens a closed session for routing again; the previous operator is remembered. */
export async function reopen(session: Session, externalChatId: string | null): Promise<void> {
    session.data.last_operator = session.data.operator;
    session.data.operator = null;
    session.data.operator_group = null;
    session.data.accepted_at = null;
    session.data.closed_at = null;
    session.data.resumed_count = (session.data.resumed_count ?? 0) + 1;
    session.data.state = enumOf('waiting');
    session.data.waiting_since = new TDatetime();
    if (externalChatId) session.data.external_chat_id = externalChatId;
    await session.save();
}

/** The session a channel named (a mail thread), if it is one of this channel's; the client joins it. */
async function namedSession(channel: Channel, client: Client, sessionId: string): Promise<Session | undefined> {
    const session = await Namespace.app.sessions.search().where((f, g) => g.and(f.__id.eq(sessionId), f.channel.eq(channel.id))).first();
    if (session && !(session.data.clients ?? []).some((c) => c.id === client.id)) {
        session.data.clients = [...(session.data.clients ?? []), client.getRef()];
        await session.save();
    }
    return session;
}

export interface OpenOptions {
    /** The session the channel named (a mail thread), or `new` for a conversation that starts afresh. */
    thread?: { sessionId: string } | 'new';
    /** The blocklist entry that blocks the client, or null. */
    blockedBy?: string | null;
}

export async function openSession(line: Line, channel: Channel, client: Client, chat: { id: string | null; name: string | null }, options: OpenOptions = {}): Promise<OpenedSession> {
    const { thread } = options;
    const blockedBy = options.blockedBy ?? null;
    const previous = thread === 'new' ? undefined
        : thread ? (await namedSession(channel, client, thread.sessionId)) ?? (await latestSession(channel, client))
        : await latestSession(channel, client);
    if (previous) {
        const state = previous.data.state.code;
        // A session made spam by the blocklist is the blocked time's; an unblocked client starts afresh.
        const leftBehind = state === 'marked_as_spam' && previous.data.blocked_by && !blockedBy;
        if (state !== 'closed' && !leftBehind) return { session: previous, created: false, resumed: false };
        if (state === 'closed' && !blockedBy) {
            await reopen(previous, chat.id);
            return { session: previous, created: false, resumed: true };
        }
    }
    const session = Namespace.app.sessions.create();
    const d = session.data;
    // A mail's subject is its conversation's name (SPEC §3.2).
    d.__name = channel.data.kind.code === 'email' && chat.name?.trim() ? chat.name.trim().slice(0, 200) : sessionName(line, channel, client, chat.name);
    d.line = line.getRef();
    d.channel = channel.getRef();
    d.clients = [client.getRef()];
    // Spam from the start: never queued or routed (SPEC §5); Remove from spam puts it in the queue.
    d.state = enumOf(blockedBy ? 'marked_as_spam' : 'waiting');
    d.waiting_since = blockedBy ? null : new TDatetime();
    d.blocked_by = blockedBy;
    d.external_chat_id = chat.id;
    d.external_chat_name = chat.name;
    d.resumed_count = 0;
    await session.save();
    return { session, created: true, resumed: false };
}
