/**
 * A push to many tabs is written a bounded number of sockets per turn of the event loop, so
 * other work is served in between; every tab still gets every push, in the order made.
 */
import type { Store } from '../store/store';
import { RealtimeHub, type Connection } from './realtime-hub';

const turn = () => new Promise((r) => setImmediate(r));

describe('realtime hub fan-out', () => {
    it('writes a push to 500 tabs over several turns, each tab in order', async () => {
        const hub = new RealtimeHub({} as Store);
        const received: string[][] = [];
        const users = Array.from({ length: 500 }, (_, i) => `user-${i}`);
        users.forEach((user, i) => {
            received.push([]);
            const connection: Connection = { send: (text) => received[i].push(JSON.parse(text).event) };
            hub.connect(user, connection);
            hub.subscribe(connection, 'lists');
        });
        await hub.publishTo('lists', { users }, 'first', {});
        await hub.publish({ users: [users[499]] }, 'second', {});
        // Not every tab in the first turn: the rest follow.
        const inFirstTurn = received.filter((r) => r.length > 0).length;
        expect(inFirstTurn).toBeGreaterThan(0);
        expect(inFirstTurn).toBeLessThan(500);
        for (let i = 0; i < 10; i++) await turn();
        expect(received.every((r) => r[0] === 'first')).toBe(true);
        expect(received[499]).toEqual(['first', 'second']);
    });

    it('sends a small push at once', async () => {
        const hub = new RealtimeHub({} as Store);
        const received: string[] = [];
        const connection: Connection = { send: (text) => received.push(JSON.parse(text).event) };
        hub.connect('u', connection);
        await hub.publish({ users: ['u'] }, 'hello', {});
        expect(received).toEqual(['hello']);
    });

    it('does not send what waited for its turn to a tab that closed meanwhile', async () => {
        const hub = new RealtimeHub({} as Store);
        const received: number[] = [];
        const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
        const disconnects = users.map((user, i) => {
            const connection: Connection = { send: () => received.push(i) };
            const disconnect = hub.connect(user, connection);
            hub.subscribe(connection, 'lists');
            return disconnect;
        });
        await hub.publishTo('lists', { users }, 'e', {});
        disconnects[299]();
        for (let i = 0; i < 10; i++) await turn();
        expect(received).not.toContain(299);
        expect(received).toHaveLength(299);
    });
});
