/**
 * Stores one message in a session's thread and tells the staff: the one place a message
 * is written, so last activity, realtime pushes and the client-message event never drift.
 */
import type { TJSON } from '@brix/sdk';
import type { AuthorKind, Client, DeliveryState, Line, Message, Session } from '../shared/apps';
import { emitEvent, publishNewMessage } from '../shared/publish';
import { enumOf, userRef } from '../shared/values';
import type { Attachment } from './attachments';
import { registerMessage } from './register';
import { placeInThread } from './sequence';

export interface NewMessage {
    authorKind: AuthorKind;
    author?: string | null;
    client?: Client | null;
    text: string;
    attachments?: Attachment[];
    externalMessageId?: string | null;
    deliveryState?: DeliveryState | null;
    /** System notes are for staff only; automatic replies are not. */
    staffOnly?: boolean;
    /** The channel is to be told the message was stored (messageOutcome). */
    outcomeDue?: boolean;
    /** The client's first message of a wait (a new or resumed session): every operator hears of it. */
    startsWait?: boolean;
}

/** A list-friendly name for a message: its first line, or the first file's name. */
function preview(m: NewMessage): string {
    const text = m.text.trim().split('\n')[0] || m.attachments?.[0]?.name || '(empty)';
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export async function appendMessage(session: Session, line: Line, m: NewMessage): Promise<Message> {
    const message = Namespace.app.messages.create();
    const d = message.data;
    d.__name = preview(m);
    d.session = session.getRef();
    d.channel = session.data.channel;
    d.client = m.client ? m.client.getRef() : null;
    d.author_kind = enumOf(m.authorKind);
    d.author = m.author ? userRef(m.author) : null;
    d.text = m.text;
    d.attachments = (m.attachments ?? []) as unknown as TJSON;
    d.external_message_id = m.externalMessageId ?? null;
    d.delivery_state = m.deliveryState ? enumOf(m.deliveryState) : null;
    d.delivery_attempts = 0;
    d.staff_only = Boolean(m.staffOnly);
    d.outcome_due = m.outcomeDue ?? null;
    // Numbered and stored together, so two writers to one thread never take the same place;
    // registered in the live chat's messages app in the same transaction.
    await System.transaction(async () => {
        await placeInThread(message, session);
        await message.save();
        await registerMessage(line, session, message);
    });
    if (!m.staffOnly) {
        session.data.last_activity_at = message.data.__createdAt;
        session.data.last_message_preview = d.__name;
        if (m.authorKind === 'client') session.data.unread_count = (session.data.unread_count ?? 0) + 1;
        await session.save();
    }
    // Spam stays out of everyone's way: no live updates, no automation (SPEC §3.2).
    if (session.data.state.code === 'marked_as_spam') return message;
    await publishNewMessage(line, session, message, m.authorKind, Boolean(m.startsWait));
    if (m.authorKind === 'client') {
        await emitEvent('client_message', { session: session.id, line: line.id, message: message.id, client: m.client?.id ?? null, text: m.text });
    }
    return message;
}
