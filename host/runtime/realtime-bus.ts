/**
 * How one host instance tells the others what to push to their sockets, and that the timer
 * table changed. Every message reaches every instance, the sender included, in the order
 * that instance sent them.
 *
 * Two kinds: in-process (one instance, SQLite; nothing leaves the process) and PostgreSQL
 * LISTEN/NOTIFY (pg-bus.ts). PostgreSQL is already the one service every instance of a
 * scaled-out host must reach, so the bus adds no server to run, secure or watch.
 */
export type BusMessage =
    | { kind: 'publish'; audience: { users?: readonly string[]; groups?: readonly string[] }; event: string; payload: unknown }
    | { kind: 'publishTo'; topics: readonly string[]; audience: { users?: readonly string[]; groups?: readonly string[] }; event: string; payload: unknown; coalesce: boolean }
    | { kind: 'publishToGuests'; topic: string; event: string; payload: unknown }
    | { kind: 'close'; userId: string; code: number; reason: string; session?: string }
    | { kind: 'timers' }
    /** An administrator changed who may use an extension's apps. */
    | { kind: 'access'; extensionId: string }
    /** A marker an instance sends itself: once it is back, everything it sent before was delivered. */
    | { kind: 'flush'; id: string };

export interface RealtimeBus {
    /** Whether other instances listen: when not, the hub pushes directly. */
    readonly shared: boolean;
    publish(message: BusMessage): void;
    /** Handles every message published from now on, by any instance. */
    subscribe(handler: (message: BusMessage) => void): void;
    close(): Promise<void>;
}

/** The bus of a host that is one process. */
export class LocalBus implements RealtimeBus {
    readonly shared = false;
    private readonly handlers: ((message: BusMessage) => void)[] = [];

    publish(message: BusMessage): void {
        for (const handler of this.handlers) handler(message);
    }

    subscribe(handler: (message: BusMessage) => void): void {
        this.handlers.push(handler);
    }

    async close(): Promise<void> {
        this.handlers.length = 0;
    }
}
