/**
 * The order of a thread. Two messages can share a millisecond (a question and its answer
 * from a script, a client and an automatic reply), so time cannot order them; each message
 * gets the next number of its thread in the transaction that stores it, and every list of
 * messages sorts and pages by that number.
 *
 * A thread is what the desk and the Live Chat Messages widget show together: a client's
 * sessions on one channel (a resumed client's earlier sessions show above), or a session
 * alone when it has no client or channel.
 *
 * Messages stored before threads were numbered have none. They are numbered the first time
 * their thread is read, all of the thread's at once, in the order of their time and id and
 * below every numbered message — they are older than any of those.
 */
import type { Condition, FieldOperands } from '@brix/sdk';
import type { Message, MessageData, Session } from '../shared/apps';

/** The key of the thread a session's messages belong to. */
export function threadKey(session: Session): string {
    const client = session.data.clients?.[0]?.id;
    const channel = session.data.channel?.id;
    return client && channel ? `${channel}:${client}` : `session:${session.id}`;
}

/**
 * The conditions that pick the messages of `sessions`, all of one thread. Messages have no index
 * of their own by session: naming the thread lets the store seek (thread, seq).
 */
export function ofSessions(f: FieldOperands<MessageData>, sessions: readonly Session[]): Condition[] {
    return [f.thread.eq(threadKey(sessions[0])), f.session.in(sessions.map((s) => s.id))];
}

/** Every session of the session's thread, oldest first. */
export async function threadSessions(session: Session): Promise<Session[]> {
    const client = session.data.clients?.[0]?.id;
    const channel = session.data.channel?.id;
    if (!client || !channel) return [session];
    const key = threadKey(session);
    const found = await Namespace.app.sessions.search().where((f, g) => g.and(f.clients.eq(client), f.channel.eq(channel))).sort('__createdAt').size(1_000).all();
    const same = found.filter((s) => threadKey(s) === key);
    return same.some((s) => s.id === session.id) ? same : [...same, session];
}

/** Puts a new message at the end of its session's thread; call inside the transaction that saves it. */
export async function placeInThread(message: Message, session: Session): Promise<void> {
    const key = threadKey(session);
    const last = await Namespace.app.messages.search().where((f) => f.thread.eq(key)).sort('seq', false).first();
    message.data.thread = key;
    message.data.seq = (last?.data.seq ?? 0) + 1;
}

/** Numbers the thread's messages stored before threads were numbered, if it has any. */
export async function numberOlderMessages(session: Session): Promise<void> {
    const ids = (await threadSessions(session)).map((s) => s.id);
    // A message gets its thread and its number together, so the unnumbered are those with no thread (an index seek).
    const unnumbered = () => Namespace.app.messages.search().where((f, g) => g.and(f.thread.eq(null), f.session.in(ids)));
    if (!(await unnumbered().first())) return;
    await System.transaction(async () => {
        const key = threadKey(session);
        const older = await unnumbered().sort('__createdAt').sort('__id').size(10_000).all();
        const first = await Namespace.app.messages.search().where((f) => f.thread.eq(key)).sort('seq').first();
        const start = Math.min(first?.data.seq ?? 1, 1) - older.length;
        for (const [i, m] of older.entries()) {
            m.data.thread = key;
            m.data.seq = start + i;
            await m.save();
        }
    });
}
