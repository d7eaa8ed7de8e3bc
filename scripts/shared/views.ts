/**
 * What the HTTP API answers for sessions and messages: plain JSON with ids and codes.
 * Text is returned as stored; clients escape it when they show it.
 */
import type { TDatetime } from '@brix/sdk';
import type { Message, Session } from './apps';

const iso = (d: TDatetime | null) => (d ? d.toJSON() : null);

export function sessionView(s: Session) {
    const d = s.data;
    return {
        id: s.id,
        name: d.__name,
        line: d.line.id,
        channel: d.channel?.id ?? null,
        clients: (d.clients ?? []).map((c) => c.id),
        state: d.state.code,
        priority: d.priority?.code ?? null,
        operator: d.operator?.id ?? null,
        operatorGroup: d.operator_group,
        externalChatId: d.external_chat_id,
        externalChatName: d.external_chat_name,
        createdAt: iso(d.__createdAt),
        acceptedAt: iso(d.accepted_at),
        closedAt: iso(d.closed_at),
        lastActivityAt: iso(d.last_activity_at),
        waitingSince: iso(d.waiting_since),
        routingRule: d.routing_rule,
        customProperties: d.custom_properties ?? {},
    };
}

export function messageView(m: Message) {
    const d = m.data;
    return {
        id: m.id,
        session: d.session.id,
        authorKind: d.author_kind.code,
        author: d.author?.id ?? null,
        client: d.client?.id ?? null,
        text: d.text ?? '',
        attachments: d.attachments ?? [],
        externalMessageId: d.external_message_id,
        deliveryState: d.delivery_state?.code ?? null,
        staffOnly: Boolean(d.staff_only),
        createdAt: iso(d.__createdAt),
        /** The message's place in its thread: lists and pages are in this order. */
        seq: d.seq,
        editedAt: iso(d.edited_at),
        updatedAt: iso(d.__updatedAt),
    };
}
