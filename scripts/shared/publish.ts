/**
 * Side effects every change shares: realtime pushes and the automation events of SPEC §12,
 * named `live_chats.<event>`. Pushes go by topic to the tabs showing what changed — a live
 * chat's lists (`lineTopic`) or one session's thread (`sessionTopic`) — and only news a user
 * must hear wherever they are (a new session, a client waiting for them) goes to all their tabs.
 */
import type { Audience, TJSON } from '@brix/sdk';
import { ADMINISTRATORS } from '../access/roles';
import { groupCodes, type AuthorKind, type Line, type Message, type Session } from './apps';
import { lineTopic, sessionTopic } from './topics';
import { messageView, sessionView } from './views';

export type LiveChatEvent = 'session_created' | 'client_message' | 'session_closed' | 'session_assigned' | 'session_reassigned' | 'session_spam_changed'
    | 'sla_reminder' | 'sla_violated' | 'automation_started';

/** Operators, supervisors and the administrators, who see every live chat and so must see it change too. */
function staffOf(line: Line): Audience {
    return { groups: [...groupCodes(line.data.operator_groups), ...groupCodes(line.data.supervisor_groups), ADMINISTRATORS] };
}

// Views are plain values already, and the platform serializes a push once, when it sends it:
// copying each payload here first cost a JSON round trip per message, watched or not.
const json = (payload: object) => payload as TJSON;

/** Pushes `event` to every open tab of the live chat's staff: news, such as a new session. */
export async function publishToStaff(line: Line, event: string, payload: object): Promise<void> {
    await System.realtime.publish(staffOf(line), `live_chats.${event}`, json({ line: line.id, ...payload }));
}

/** A session's state, operator, name or priority changed: its live chat's lists and its own tabs follow. */
export async function publishSessionChange(line: Line, event: 'session_queued' | 'session_updated' | 'session_closed', session: Session): Promise<void> {
    await System.realtime.publishTo([lineTopic(line.id), sessionTopic(session.id)], staffOf(line), `live_chats.${event}`, json({ line: line.id, session: sessionView(session) }));
}

/**
 * A new message: the whole message to the tabs showing its thread; to tabs showing the lists
 * only that they changed (coalesced, as the counters move with every message) and which
 * session a client wrote to (unread marks); and a notice to whoever must answer.
 */
export async function publishNewMessage(line: Line, session: Session, message: Message, authorKind: AuthorKind, startsWait: boolean): Promise<void> {
    const staff = staffOf(line);
    await System.realtime.publishTo(sessionTopic(session.id), staff, 'live_chats.message_created', json({ line: line.id, session: session.id, message: messageView(message) }));
    // One coalesced push for the lists, naming the session when a client wrote (the tab marks it
    // unread): every tab of the live chat shows its lists, so each push is one write per tab, and
    // at most a few reach a tab per second however fast clients write. A session a window skips
    // is marked by the lists' unread counts, which the push makes the tab refresh.
    await System.realtime.publishTo(lineTopic(line.id), staff, 'live_chats.lists_changed', authorKind === 'client' ? { line: line.id, session: session.id } : { line: line.id }, { coalesce: true });
    await publishToReaders(line, session.id);
    if (authorKind !== 'client') return;
    // A client who starts a conversation is one notice after routing (shared/notices.ts); later
    // messages are news only to the session's operator. A waiting client's next messages
    // only move the queue's lists, and other operators' conversations are not news to me.
    const operator = session.data.operator?.id;
    if (startsWait || !operator) return;
    await System.realtime.publish({ users: [operator] }, 'live_chats.client_wrote', { line: line.id, session: session.id, sessionName: session.data.__name });
}

/** A message changed (delivery state, edit): the tabs showing its thread follow. */
export async function publishMessageChange(line: Line, sessionId: string, message: Message): Promise<void> {
    await System.realtime.publishTo(sessionTopic(sessionId), staffOf(line), 'live_chats.message_updated', json({ line: line.id, session: sessionId, message: messageView(message) }));
}

/**
 * Tells the live chat's readers showing a session that its thread changed (SPEC §10: their
 * widget shows new messages live). Ids only: the widget fetches what the reader may see.
 */
export async function publishToReaders(line: Line, session: string): Promise<void> {
    const groups = groupCodes(line.data.reader_groups);
    if (groups.length) await System.realtime.publishTo(sessionTopic(session), { groups }, 'live_chats.thread_changed', { line: line.id, session });
}

/** Raises an automation event after the current write commits (the platform takes a JSON copy when anyone listens). */
export async function emitEvent(event: LiveChatEvent, payload: object): Promise<void> {
    await System.events.emit(`live_chats.${event}`, payload as TJSON);
}
