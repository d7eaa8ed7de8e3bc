/**
 * The visitor's connection: one WebSocket, opened again after a drop with growing pauses,
 * and an outbox of what the visitor wrote that survives drops and page loads. A message
 * leaves the outbox only when the server answered it; after a reconnect everything still
 * in it is sent again, and the server stores a repeated client id once.
 */
import type { ChatMessage, Hello, ServerFrame } from './protocol';

export interface Outgoing {
    clientId: string;
    body: Record<string, unknown>;
}

export interface ConnectionEvents {
    /** Connected and admitted; `upload` is the token for sending files, when the chat takes files. */
    hello(hello: Hello, upload: string | undefined): void;
    message(message: ChatMessage): void;
    /** The server answered one of the visitor's frames. */
    answered(clientId: string, message: ChatMessage): void;
    failed(clientId: string, code: string, text: string): void;
    /** Connected or not; `refused` when the chat will not take this page (no retry). */
    state(state: 'connecting' | 'open' | 'offline' | 'refused', reason?: string): void;
}

const MAX_PAUSE_MS = 30_000;

export class Connection {
    private socket: WebSocket | undefined;
    private pause = 1000;
    private stopped = false;
    /** Said hello: frames sent before would wait behind the server's check of the visitor anyway. */
    private ready = false;

    constructor(private readonly url: string, private readonly outboxKey: string, private readonly on: ConnectionEvents) {}

    private get outbox(): Outgoing[] {
        try {
            return JSON.parse(localStorage.getItem(this.outboxKey) ?? '[]') as Outgoing[];
        } catch {
            return [];
        }
    }

    private set outbox(items: Outgoing[]) {
        try {
            localStorage.setItem(this.outboxKey, JSON.stringify(items));
        } catch {
            // Storage may be full or off: the message is still sent while the page stays.
        }
    }

    /** Messages written but not yet answered, e.g. to show them as "sending" after a reload. */
    pending(): Outgoing[] {
        return this.outbox;
    }

    open(): void {
        this.on.state('connecting');
        const socket = new WebSocket(this.url);
        this.socket = socket;
        socket.onmessage = (e) => this.receive(String(e.data));
        socket.onclose = (e) => {
            if (this.socket !== socket) return;
            this.socket = undefined;
            this.ready = false;
            // 44xx: the chat refused this page or visitor; trying again would be refused again.
            if (e.code >= 4400 && e.code < 4500 && e.code !== 4429) {
                this.stopped = true;
                this.on.state('refused', e.reason);
                return;
            }
            this.on.state('offline');
            if (this.stopped) return;
            setTimeout(() => this.open(), this.pause);
            this.pause = Math.min(this.pause * 2, MAX_PAUSE_MS);
        };
    }

    private receive(text: string): void {
        if (text === 'pong') return;
        const frame = JSON.parse(text) as ServerFrame;
        if (frame.type === 'hello') {
            this.pause = 1000;
            this.ready = true;
            this.on.state('open');
            this.on.hello(frame.payload, frame.upload);
            for (const item of this.outbox) this.transmit(item);
        } else if (frame.type === 'event' && frame.event === 'message') {
            this.on.message(frame.payload);
        } else if (frame.type === 'reply' && typeof frame.id === 'string') {
            this.outbox = this.outbox.filter((o) => o.clientId !== frame.id);
            this.on.answered(frame.id, frame.result.message);
        } else if (frame.type === 'error' && typeof frame.id === 'string') {
            // Too many at once: it stays in the outbox and goes again after the next reconnect.
            if (frame.code !== 'TOO_MANY_REQUESTS') this.outbox = this.outbox.filter((o) => o.clientId !== frame.id);
            this.on.failed(frame.id, frame.code, frame.message);
        }
    }

    private transmit(item: Outgoing): void {
        if (this.ready && this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ id: item.clientId, body: item.body }));
    }

    /** Queues a frame and sends it when connected. */
    send(item: Outgoing): void {
        this.outbox = [...this.outbox.filter((o) => o.clientId !== item.clientId), item];
        this.transmit(item);
    }
}
