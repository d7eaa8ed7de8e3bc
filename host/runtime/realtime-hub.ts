/**
 * Open browser connections by user, and fan-out of events to users and groups.
 * One WebSocket per tab; a user may have many.
 */
import type { Store } from '../store/store';

export interface Connection {
    send(text: string): void;
}

export class RealtimeHub {
    private readonly byUser = new Map<string, Set<Connection>>();

    constructor(private readonly store: Store) {}

    /** Registers a tab; the returned function unregisters it. */
    connect(userId: string, connection: Connection): () => void {
        const set = this.byUser.get(userId) ?? new Set<Connection>();
        set.add(connection);
        this.byUser.set(userId, set);
        return () => {
            set.delete(connection);
            if (set.size === 0) this.byUser.delete(userId);
        };
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
