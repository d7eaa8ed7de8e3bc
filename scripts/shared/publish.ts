/**
 * Side effects every change shares: realtime pushes to the live chat's staff (counters and
 * lists update live) and the automation events of SPEC §12, named `live_chats.<event>`.
 */
import type { TJSON } from '@brix/sdk';
import { ADMINISTRATORS } from '../access/roles';
import { groupCodes, type Line } from './apps';

export type LiveChatEvent = 'session_created' | 'client_message' | 'session_closed' | 'session_assigned' | 'session_reassigned' | 'session_spam_changed';

/**
 * Pushes `event` to every open tab of the live chat's operators, supervisors and the
 * administrators, who see every live chat and so must see it change too.
 */
export async function publishToStaff(line: Line, event: string, payload: object): Promise<void> {
    const groups = [...groupCodes(line.data.operator_groups), ...groupCodes(line.data.supervisor_groups), ADMINISTRATORS];
    await System.realtime.publish({ groups }, `live_chats.${event}`, JSON.parse(JSON.stringify({ line: line.id, ...payload })) as TJSON);
}

/**
 * Tells the live chat's readers that a session's thread changed (SPEC §10: their widget
 * shows new messages live). Ids only: the widget fetches what the reader may see.
 */
export async function publishToReaders(line: Line, session: string): Promise<void> {
    const groups = groupCodes(line.data.reader_groups);
    if (groups.length) await System.realtime.publish({ groups }, 'live_chats.thread_changed', { line: line.id, session });
}

/** Raises an automation event after the current write commits. */
export async function emitEvent(event: LiveChatEvent, payload: object): Promise<void> {
    await System.events.emit(`live_chats.${event}`, JSON.parse(JSON.stringify(payload)) as TJSON);
}
