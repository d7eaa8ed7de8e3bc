/**
 * Routing a new session costs the same however many sessions are active: the operators' load
 * is counted in the store, not read item by item. With 1,500 sessions active on the live chat,
 * a new client's message reads no more than a handful of rows, and the counts still decide:
 * the least occupied operator gets the session, and the live chat's limit holds.
 */
import type { AppTable, Query, Row } from '../../host/store/store';
import { useLiveChat } from './support/live-chat';

const ACTIVE = 1_500;

describe('routing with many active sessions', () => {
    const ctx = useLiveChat({ max_active_sessions: ACTIVE + 1 });
    const base = (id: string, at: number) => ({ __id: id, __name: id, __createdAt: at, __createdBy: null, __updatedAt: at, __updatedBy: null, __deletedAt: null, __status: null });
    let largestRead = 0;
    let read: (app: AppTable, query: Query) => Promise<Row[]>;
    /** The session of a client's chat, as stored (read past the counting). */
    const sessionOf = async (user: string) => {
        const sessions = ctx.t.host.items.app('live_chats.sessions').table;
        const [session] = await read(sessions, { where: { kind: 'cmp', field: 'external_chat_id', op: 'eq', value: `chat-${user}` }, size: 1 });
        return session;
    };

    beforeAll(async () => {
        const { store } = ctx.t.host;
        const sessions = ctx.t.host.items.app('live_chats.sessions').table;
        const { lineId, otherChannelId: channel } = ctx.chat;
        await store.transaction(async () => {
            for (let i = 0; i < ACTIVE; i++) {
                const at = Date.now() - (ACTIVE - i) * 1000;
                await store.insert(sessions, {
                    ...base(`busy-session-${i}`, at), line: lineId, channel, clients: [], state: 'assigned_to_operator',
                    operator: ctx.ids.operator2, operator_group: 'operators', accepted_at: at,
                });
            }
        });
        const rules = [{ name: 'Least occupied', activity: { kind: 'least_occupied', group: 'operators' } }];
        expect((await ctx.api.call('admin', 'set_routing_rules', { lineId, rules })).statusCode).toBe(200);
        await ctx.api.setStatus('operator1', 'online');
        await ctx.api.setStatus('operator2', 'online');
        // Every read of the store during the messages below: the largest answer is kept.
        read = store.find.bind(store);
        store.find = async (app: AppTable, query: Query): Promise<Row[]> => {
            const found = await read(app, query);
            largestRead = Math.max(largestRead, found.length);
            return found;
        };
    });

    it('reads a handful of rows and gives the session to the least occupied operator', async () => {
        const { api, chat, ids } = ctx;
        const res = await api.clientWrites(chat.otherChannelId, { id: 'load-1', user: 'load-client-1', text: 'Hello' });
        expect(res.statusCode).toBe(200);
        const session = await sessionOf('load-client-1');
        expect(session.state).toBe('assigned_to_operator');
        expect(session.operator).toBe(ids.operator1);
        expect(largestRead).toBeLessThan(50);
    });

    it('keeps the live chat\'s limit of active sessions, counted in the store', async () => {
        const { api, chat } = ctx;
        largestRead = 0;
        const res = await api.clientWrites(chat.otherChannelId, { id: 'load-2', user: 'load-client-2', text: 'Hello' });
        expect(res.statusCode).toBe(200);
        const session = await sessionOf('load-client-2');
        expect(session.state).toBe('waiting');
        expect(largestRead).toBeLessThan(50);
    });
});
