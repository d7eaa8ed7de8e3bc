/**
 * One adapter per channel kind (connect, disconnect, send, edit), in one table, so the
 * inbound pipeline, the delivery queue, routing and reports never ask which kind a channel
 * is. Each kind's inbound route normalises to the shared pipeline (inbound/pipeline.ts).
 */
import type { Channel, Message, Session } from '../shared/apps';
import { emailChannel } from './email/adapter';
import { otherChannel } from './other/adapter';
import { telegramChannel } from './telegram/adapter';
import { websiteChannel } from './website/adapter';

/** How one attempt to deliver a reply went. */
export type SendOutcome =
    | { ok: true; /** The peer's id of what was sent, kept for edits and threading. */ externalId?: string }
    | { ok: false; error: string; /** The peer asked to wait this long. */ retryAfterMs?: number; /** Retrying cannot help (a bad address, a blocked bot). */ permanent?: boolean };

/** Why a channel could not go live, and in which state it stays. */
export interface ConnectProblem {
    error: string;
    state: 'error' | 'disconnected';
}

export interface ChannelAdapter {
    /** Connects or re-connects the channel to its peer; null when it is live. */
    connect(channel: Channel): Promise<ConnectProblem | null>;
    /** Tells the peer the channel is off and stops receiving; best effort. */
    disconnect(channel: Channel): Promise<void>;
    /** One attempt to deliver a staff reply to the session's client. */
    send(channel: Channel, session: Session, message: Message): Promise<SendOutcome>;
    /** How long after sending an edit still reaches the client; undefined when editing is local only. */
    readonly editWindowMs?: number;
    /** Carries an operator's edit of a delivered reply to the client (queued, retried). */
    edit?(channel: Channel, message: Message): Promise<void>;
}

const internalChannel: ChannelAdapter = {
    connect: async () => null,
    disconnect: async () => undefined,
    // Replies to employees are shown at once (messages/send-to-client.ts), never queued.
    send: async () => ({ ok: true }),
};

const adapters: Readonly<Record<string, ChannelAdapter>> = {
    internal: internalChannel,
    other: otherChannel,
    telegram: telegramChannel,
    email: emailChannel,
    website: websiteChannel,
};

export function adapterOf(channel: Channel): ChannelAdapter {
    const adapter = adapters[channel.data.kind.code];
    if (!adapter) throw new Error(`No adapter for channel kind ${channel.data.kind.code}`);
    return adapter;
}
