/**
 * The automation API (SPEC §12) as another extension uses it: a sample "order desk"
 * installs beside Live Chats, hears its events once each, and closes sessions, posts notes
 * and sends messages through the methods Live Chats exports — with its service user's
 * rights or the calling user's, never more. Routing rules start its automation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fixturePackage } from '../support/fixture-package';
import { eventually, rows, useLiveChat } from './support/live-chat';

const sample = path.join(__dirname, '../fixtures/order-desk');
const samplePackage = () => fixturePackage(
    JSON.parse(fs.readFileSync(path.join(sample, 'manifest.json'), 'utf8')),
    fs.readFileSync(path.join(sample, 'server.js'), 'utf8'),
);

const ctx = useLiveChat();
const code = (value: unknown) => (value as { code?: string } | null)?.code;
let serviceUser: string;

async function sampleRows(app: string): Promise<Record<string, unknown>[]> {
    const res = await ctx.t.request({ method: 'GET', url: `/api/apps/order_desk/${app}/items?size=1000`, cookie: ctx.api.admin });
    return res.json().items as Record<string, unknown>[];
}

async function messagesOf(session: string): Promise<Record<string, unknown>[]> {
    return (await rows(ctx.t, ctx.api.admin, 'messages')).filter((m) => m.session === session);
}

async function sessionOfUser(user: string): Promise<Record<string, unknown>> {
    return eventually(async () => (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => String(s.__name).length > 0 && s.external_chat_id === `chat-${user}`));
}

const relay = (who: string, method: string, params: object) =>
    ctx.t.request({ method: 'POST', url: '/api/extensions/order_desk/relay', cookie: ctx.api.cookies[who], body: { method, params } });

beforeAll(async () => {
    await ctx.t.host.extensions.install(samplePackage());
    serviceUser = (await ctx.t.host.store.system.users.byLogin('service.order_desk'))!.id;
});

describe('a second extension drives Live Chats', () => {
    it('installs beside Live Chats with a service user that has no rights and cannot sign in', async () => {
        const user = (await ctx.t.host.store.system.users.get(serviceUser))!;
        expect(user).toMatchObject({ fullname: 'Order desk automation', groups: [] });
        const res = await ctx.t.host.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'service.order_desk', password: '' } });
        expect(res.statusCode).not.toBe(200);
    });

    it('hears each published event once, and a script without rights is refused', async () => {
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'm-1', user: 'u-refund', text: 'Hello' });
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'm-2', user: 'u-refund', text: 'I want a refund' });
        await ctx.t.host.idle();
        const session = await sessionOfUser('u-refund');
        const heard = (await sampleRows('heard')).filter((h) => h.session_id === session.__id);
        expect(heard.filter((h) => h.event === 'live_chats.session_created')).toHaveLength(1);
        expect(heard.filter((h) => h.event === 'live_chats.client_message')).toHaveLength(2);
        // The service user is in no group of the live chat: its note is refused, nothing is written.
        expect((await messagesOf(session.__id as string)).filter((m) => code(m.author_kind) === 'system' && String(m.text).includes('refund'))).toHaveLength(0);
    });

    it('acts with the rights an administrator gives its service user', async () => {
        await ctx.t.host.store.system.users.setGroups(serviceUser, ['supervisors']);
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'm-3', user: 'u-refund', text: 'Refund please' });
        await ctx.t.host.idle();
        const session = await sessionOfUser('u-refund');
        const notes = (await messagesOf(session.__id as string)).filter((m) => code(m.author_kind) === 'system' && m.staff_only === true && String(m.text).includes('refund'));
        expect(notes).toHaveLength(1);
        expect(notes[0].author).toBe(serviceUser);
        // Staff-only: the client's messenger never gets it.
        expect(ctx.messenger.ofType('message').filter((r) => String(r.data?.text).includes('check the order'))).toHaveLength(0);
    });

    it('starts its automation from a routing rule and closes the session when the order is done', async () => {
        const rules = [{ name: 'Orders', activity: { kind: 'invite_all' }, actions: [{ kind: 'start_automation', automation: 'open_order', params: { priority: 'high' } }] }];
        expect((await ctx.api.call('admin', 'set_routing_rules', { lineId: ctx.chat.lineId, rules })).statusCode).toBe(200);
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'm-4', user: 'u-order', text: 'Where is my parcel?' });
        await ctx.t.host.idle();
        const session = await sessionOfUser('u-order');
        const order = await eventually(async () => (await sampleRows('orders')).find((o) => o.session_id === session.__id));
        expect(order.priority).toBe('high');
        expect((await sampleRows('heard')).filter((h) => h.event === 'live_chats.automation_started' && h.session_id === session.__id)).toHaveLength(1);

        const done = await ctx.t.request({ method: 'PATCH', url: `/api/apps/order_desk/orders/items/${order.__id}`, cookie: ctx.api.admin, body: { done: true } });
        expect(done.statusCode).toBe(200);
        await ctx.t.host.idle();
        const closed = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.__id === session.__id)!;
        expect(code(closed.state)).toBe('closed');
        expect((await messagesOf(session.__id as string)).some((m) => m.text === `Order ${order.__name} is done`)).toBe(true);
        const heardClosed = (await sampleRows('heard')).filter((h) => h.event === 'live_chats.session_closed' && h.session_id === session.__id);
        expect(heardClosed).toHaveLength(1);
        await ctx.api.call('admin', 'set_routing_rules', { lineId: ctx.chat.lineId, rules: [] });
    });

    it('runs a user\'s script with that user\'s rights: a reader is refused, a supervisor is not', async () => {
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'm-5', user: 'u-relay', text: 'Hi' });
        await ctx.t.host.idle();
        const session = await sessionOfUser('u-relay');
        const before = (await messagesOf(session.__id as string)).length;
        const refused = await relay('reader', 'post_note', { sessionId: session.__id, text: 'from a reader' });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.code).toBe('FORBIDDEN_ROLE');
        const notYours = await relay('operator1', 'close_session', { sessionId: session.__id });
        expect(notYours.json().error.code).toBe('NOT_YOUR_SESSION');
        expect((await messagesOf(session.__id as string)).length).toBe(before);

        const noted = await relay('supervisor', 'post_note', { sessionId: session.__id, text: 'checked by a script' });
        expect(noted.statusCode).toBe(200);
        const note = (await messagesOf(session.__id as string)).find((m) => m.__id === noted.json().answer.messageId)!;
        expect(note).toMatchObject({ text: 'checked by a script', staff_only: true, author: ctx.ids.supervisor });
    });

    it('sends a message as the live chat, as a named operator, and starts a session with a client', async () => {
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'm-6', user: 'u-send', text: 'Hi' });
        await ctx.t.host.idle();
        const session = await sessionOfUser('u-send');
        const asChat = await relay('supervisor', 'send_message', { sessionId: session.__id, text: 'We are on it', as: 'live_chat' });
        expect(asChat.statusCode).toBe(200);
        await ctx.messenger.waitFor((r) => r.type === 'message' && r.data?.text === 'We are on it');
        const stored = (await messagesOf(session.__id as string)).find((m) => m.__id === asChat.json().answer.messageId)!;
        expect(stored).toMatchObject({ author_kind: { code: 'bot' }, author: null });

        const asOperator = await relay('supervisor', 'send_message', { sessionId: session.__id, text: 'Olga here', author: ctx.ids.operator1 });
        expect(asOperator.statusCode).toBe(200);
        expect((await messagesOf(session.__id as string)).find((m) => m.__id === asOperator.json().answer.messageId)).toMatchObject({ author_kind: { code: 'operator' }, author: ctx.ids.operator1 });
        expect((await relay('operator1', 'send_message', { sessionId: session.__id, text: 'as the boss', author: ctx.ids.supervisor })).json().error.code).toBe('NOT_YOUR_SESSION');
        expect((await relay('supervisor', 'send_message', { sessionId: session.__id, text: 'x', author: ctx.ids.reader })).json().error.code).toBe('TARGET_NOT_OPERATOR');

        const started = await relay('supervisor', 'start_session', { channelId: ctx.chat.otherChannelId, externalUserId: 'u-new', text: 'Your order has shipped' });
        expect(started.statusCode).toBe(200);
        await ctx.messenger.waitFor((r) => r.type === 'message' && r.data?.text === 'Your order has shipped' && r.data?.targetChatId === 'u-new');
        expect((await relay('reader', 'start_session', { channelId: ctx.chat.otherChannelId, externalUserId: 'u-new2', text: 'x' })).json().error.code).toBe('FORBIDDEN_ROLE');
    });

    it('refuses an unknown method with a clear error', async () => {
        const res = await relay('supervisor', 'drop_everything', {});
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
    });
});
