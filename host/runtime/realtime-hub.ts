/**
 * Open browser connections by user, and fan-out of events to users and groups.
 * One WebSocket per tab; a user may have many. Each remembers the login session it was
 * opened with, so signing out or blocking a user also ends the pushes to their tabs.
 */
import type { Store } from '../store/store';

export interface Connection {
    send(text: string): void;
    /** Ends the connection (a browser tab's socket); in-process listeners may have none. */
    close?(code: number, reason: string): void;
}

export class RealtimeHub {
    private readonly byUser = new Map<string, Set<Connection>>();
    private readonly sessionOf = new Map<Connection, string>();

    constructor(private readonly store: Store) {}

    /** Registers a tab opened with a login session; the returned function unregisters it. */
    connect(userId: string, connection: Connection, session?: string): () => void {
        const set = this.byUser.get(userId) ?? new Set<Connection>();
        set.add(connection);
        this.byUser.set(userId, set);
        if (session !== undefined) this.sessionOf.set(connection, session);
        return () => {
            set.delete(connection);
            this.sessionOf.delete(connection);
            if (set.size === 0) this.byUser.delete(userId);
        };
    }

    /** Closes the user's tabs, or only those opened with one login session. */
    close(userId: string, code: number, reason: string, session?: string): void {
        for (const connection of [...(this.byUser.get(userId) ?? [])]) {
            if (session === undefined || this.sessionOf.get(connection) === session) connection.close?.(code, reason);
        }
    }

    connections(userId: string): number {
        return this.byUser.get(userId)?.size ?? 0;
    }

    /** The users an audience names, groups expanded. */
    async resolve(audience: { users?: readonly string[]; groups?: readonly string[] }): Promise<Set<string>> {
        const users = new Set(audience.users ?? []);
        for (const group of audience.groups ?? []) {
            for (const id of await this.store.system.groups.members(group)) users.add(id);
        }
        return users;
    }

    async publish(audience: { users?: readonly string[]; groups?: readonly string[] }, event: string, payload: unknown): Promise<void> {
        const text = JSON.stringify({ type: 'event', event, payload });
        for (const userId of await this.resolve(audience)) {
            for (const connection of this.byUser.get(userId) ?? []) connection.send(text);
        }
    }
}
