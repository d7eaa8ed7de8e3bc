/**
 * The data of the extension's apps as scripts see it, merged into `@brix/sdk` so that
 * `Namespace.app.sessions.search().where(f => f.state.eq('waiting'))` type-checks.
 */
import type {
    ApplicationItem, App, TApplication, TDatetime, TDuration, TEmail, TEnum, TJSON, TPhone, TUser,
} from '@brix/sdk';

export type SessionState = 'waiting' | 'assigned_to_bot' | 'assigned_to_operator' | 'marked_as_spam' | 'closed';
export type Priority = 'low' | 'medium' | 'high';
export type ChannelKind = 'internal' | 'other' | 'telegram' | 'email' | 'website';
export type AuthorKind = 'client' | 'operator' | 'system' | 'bot';
/** What became of a message on its way to the client. A client's own message has none ('received' is only in rows stored before): the sparse index over delivery states then holds staff messages alone. */
export type DeliveryState = 'received' | 'pending' | 'delivered' | 'failed';

export interface LineData {
    time_zone: string | null;
    operator_groups: TJSON | null;
    supervisor_groups: TJSON | null;
    internal_customer_groups: TJSON | null;
    reader_groups: TJSON | null;
    naming_template: string | null;
    /** Declared custom session properties: [{ code, name, type }] (lines/custom-properties.ts). */
    custom_properties: TJSON | null;
    show_operator_name: boolean | null;
    routing_rules: TJSON | null;
    max_active_sessions: number | null;
    max_active_per_operator: number | null;
    tell_queue_position: boolean | null;
    account_app: string | null;
    messages_app: string | null;
}

export interface ChannelData {
    line: TApplication<LineData>;
    kind: TEnum<ChannelKind>;
    state: TEnum<'active' | 'disconnected' | 'error'> | null;
    settings: TJSON | null;
    /** Secret: the messenger's confirmation token (later a bot token or a mailbox password). */
    token: string | null;
    last_error: string | null;
    /** Website chat: the line a site adds to its pages. */
    snippet: string | null;
}

export interface ClientData {
    channel: TApplication<ChannelData> | null;
    external_user_id: string | null;
    user: TUser | null;
    email: TEmail | null;
    phone: TPhone | null;
    username: string | null;
    avatar: string | null;
    account: TJSON | null;
    account_id: string | null;
    extra: TJSON | null;
}

export interface SessionData {
    line: TApplication<LineData>;
    channel: TApplication<ChannelData> | null;
    clients: TApplication<ClientData>[] | null;
    state: TEnum<SessionState>;
    priority: TEnum<Priority> | null;
    operator: TUser | null;
    operator_group: string | null;
    external_chat_id: string | null;
    external_chat_name: string | null;
    accepted_at: TDatetime | null;
    closed_at: TDatetime | null;
    last_activity_at: TDatetime | null;
    /** The latest message the client sees, as the session lists preview it. */
    last_message_preview: string | null;
    /** Client messages the operator has not read yet (reset by mark_read). */
    unread_count: number | null;
    utm: TJSON | null;
    custom_properties: TJSON | null;
    waiting_since: TDatetime | null;
    auto_assign: TJSON | null;
    last_operator: TUser | null;
    state_before_spam: string | null;
    /** The blocklist entry that made the session spam when it was created (SPEC §5). */
    blocked_by: string | null;
    resumed_count: number | null;
    /** The address a website visitor left in the offline form: replies also go there by e-mail. */
    reply_email: string | null;
    routing_rule: string | null;
    /** The SLA the session was distributed with (SPEC §6). */
    sla: TApplication<SlaData> | null;
    /** That SLA's terms as they were then, and its clocks (sla/clocks.ts). */
    sla_state: TJSON | null;
    /** The close last added to the report rollups. */
    reported_until: TDatetime | null;
}

export interface MessageData {
    session: TApplication<SessionData>;
    channel: TApplication<ChannelData> | null;
    client: TApplication<ClientData> | null;
    author_kind: TEnum<AuthorKind>;
    author: TUser | null;
    text: string | null;
    attachments: TJSON | null;
    external_message_id: string | null;
    delivery_error: string | null;
    delivery_progress: TJSON | null;
    delivery_state: TEnum<DeliveryState> | null;
    delivery_attempts: number | null;
    staff_only: boolean | null;
    edited_at: TDatetime | null;
    read_at: TDatetime | null;
    /** True while the messenger is still to be told about this inbound message, then empty (channels/other/message-outcomes.ts). */
    outcome_due: boolean | null;
    /** The thread the message belongs to (messages/sequence.ts). */
    thread: string | null;
    /** Its place in the thread; null only for messages stored before threads were numbered. */
    seq: number | null;
}

export interface OperatorStateData {
    user: TUser;
    status: TEnum<'online' | 'offline'>;
    last_seen_at: TDatetime | null;
    last_assigned_at: TDatetime | null;
}

/** The demo Contacts app: `account` links the contact to the live-chat clients it writes as. */
export interface ContactData {
    email: TEmail | null;
    phone: TPhone | null;
    company: string | null;
    account: TApplication<ClientData>[] | null;
}

export type SlaStandard = 'reaction' | 'response' | 'resolution';
export type SlaViolationAction = 'none' | 'activity_stream' | 'email' | 'route_operator' | 'route_group' | 'route_least_busy';
export type SlaReminder = 'none' | 'activity_stream' | 'email';

/** A service schedule (SPEC §6): the working calendar SLA time counts in. */
export interface ScheduleData {
    time_zone: string;
    around_the_clock: boolean | null;
    working_days: TEnum<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'>[] | null;
    work_start: string | null;
    work_end: string | null;
    lunch_start: string | null;
    lunch_end: string | null;
    exceptions: { date: string | null; kind: string | null; work_start: string | null; work_end: string | null }[] | null;
}

/** An SLA entry (SPEC §6): a schedule and three standards, each `<standard>_<setting>`. */
export type SlaData = {
    schedule: TApplication<ScheduleData> | null;
    notify_user: TUser | null;
    notify_group: string | null;
    notify_operator: boolean | null;
    route_user: TUser | null;
    route_group: string | null;
} & {
    [K in `${SlaStandard}_active`]: boolean | null;
} & {
    [K in `${SlaStandard}_time` | `${SlaStandard}_reminder_before`]: TDuration | null;
} & {
    [K in `${SlaStandard}_violation_action`]: TEnum<SlaViolationAction> | null;
} & {
    [K in `${SlaStandard}_reminder`]: TEnum<SlaReminder> | null;
};
/** A blocklist or allowlist entry (SPEC §5); `rule_value` is kept in normal form (blocklist/rules.ts). */
export interface BlocklistData {
    list_type: TEnum<'blocklist' | 'allowlist'>;
    rule_type: TEnum<'email' | 'phone' | 'account' | 'external_id'>;
    rule_operator: TEnum<'equals' | 'contains' | 'starts_with' | 'ends_with'>;
    rule_value: string;
    until: TDatetime | null;
    all_lines: boolean | null;
    lines: TApplication<LineData>[] | null;
    reason: string | null;
}


declare module '@brix/sdk' {
    interface NamespaceApps {
        lines: App<LineData>;
        channels: App<ChannelData>;
        clients: App<ClientData>;
        sessions: App<SessionData>;
        messages: App<MessageData>;
        operator_states: App<OperatorStateData>;
        contacts: App<ContactData>;
        sla: App<SlaData>;
        schedules: App<ScheduleData>;
        blocklist: App<BlocklistData>;
    }
}

export type Line = ApplicationItem<LineData>;
export type Channel = ApplicationItem<ChannelData>;
export type Client = ApplicationItem<ClientData>;
export type Session = ApplicationItem<SessionData>;
export type Message = ApplicationItem<MessageData>;
export type OperatorState = ApplicationItem<OperatorStateData>;
export type BlocklistEntry = ApplicationItem<BlocklistData>;

/** Group codes kept in a JSON list field; anything else reads as no groups. */
export function groupCodes(value: TJSON | null): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
