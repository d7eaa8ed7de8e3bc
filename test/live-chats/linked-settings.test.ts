/**
 * Live chat settings that reach other apps and the client (SPEC §11): replies carry the
 * operator's name when the live chat shows it; a client is bound from the session to an
 * item of another extension's account app, which its form's "by account" history then
 * reads; every message is recorded in the messages app in the transaction that stores it.
 */
import fs from 'node:fs';
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { productPackage } from '../support/test-host';
import { eventually, rows, useLiveChat } from './support/live-chat';

// A small CRM installed beside Live Chats: contacts list the live-chat clients they write as.
const crm = fixtureManifest({
    id: 'crm', name: 'CRM', namespace: 'crm', groups: [{ code: 'sales', name: 'Sales' }],
    apps: [
        {
            code: 'contacts', name: 'Contacts',
            fields: [{ code: 'chats', name: 'Live chat clients', type: 'SYS_COLLECTION', app: 'live_chats.clients', multiple: true }],
            permissions: { read: ['sales'], update: ['sales'], create: ['sales'] },
        },
        {
            code: 'chat_log', name: 'Chat log',
            fields: [
                { code: 'author', name: 'Author', type: 'STRING' }, { code: 'text', name: 'Text', type: 'TEXT' },
                { code: 'session', name: 'Session', type: 'STRING' }, { code: 'sent_at', name: 'Sent at', type: 'DATETIME' },
            ],
            indexes: [{ fields: ['session'] }],
            permissions: { read: ['sales'], create: ['sales'] },
        },
    ],
});

const ctx = useLiveChat();
const code = (value: unknown) => (value as { code?: string } | null)?.code;
let contactId: string;

const patchLine = (body: object) => ctx.t.request({ method: 'PATCH', url: `/api/apps/live_chats/lines/items/${ctx.chat.lineId}`, cookie: ctx.api.admin, body });
const crmRows = async (app: string) => (await ctx.t.request({ method: 'GET', url: `/api/apps/crm/${app}/items?size=1000`, cookie: ctx.api.admin })).json().items as Record<string, unknown>[];

async function sessionOf(user: string): Promise<string> {
    const session = await eventually(async () => (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === `chat-${user}`));
    return session.__id as string;
}

/** A client writes, operator1 takes the session: its id. */
async function takenSession(user: string, id: string): Promise<string> {
    await ctx.api.clientWrites(ctx.chat.otherChannelId, { id, user, text: 'Hello' });
    await ctx.t.host.idle();
    const sessionId = await sessionOf(user);
    const taken = await ctx.api.call('operator1', 'take', { sessionId });
    if (taken.statusCode !== 200) throw new Error(taken.body);
    return sessionId;
}

beforeAll(async () => {
    await ctx.t.host.extensions.install(fixturePackage(crm));
    const created = await ctx.t.request({ method: 'POST', url: '/api/apps/crm/contacts/items', cookie: ctx.api.admin, body: { __name: 'Alice Contact' } });
    contactId = created.json().__id;
    await ctx.t.request({ method: 'POST', url: '/api/apps/crm/contacts/items', cookie: ctx.api.admin, body: { __name: 'Bob Contact' } });
    // The CRM's own group gives operator1 the rights to find and update contacts.
    await ctx.t.host.store.system.users.setGroups(ctx.ids.operator1, ['operators', 'sales']);
    await ctx.api.setStatus('operator1', 'online');
});

describe('show operator name to clients', () => {
    it('puts the operator\'s name before a reply on a messenger without a name field, only while the live chat shows names', async () => {
        const sessionId = await takenSession('u-name', 'n-1');
        await ctx.api.call('operator1', 'reply', { sessionId, text: 'Bare reply' });
        await ctx.messenger.waitFor((r) => r.type === 'message' && r.data?.text === 'Bare reply');

        expect((await patchLine({ show_operator_name: true })).statusCode).toBe(200);
        await ctx.api.call('operator1', 'reply', { sessionId, text: 'Named reply' });
        await ctx.messenger.waitFor((r) => r.type === 'message' && r.data?.text === 'Olga Operator: Named reply');
        // The thread keeps what the operator wrote; only the delivery is named.
        expect((await rows(ctx.t, ctx.api.admin, 'messages')).some((m) => m.text === 'Named reply')).toBe(true);
        expect((await patchLine({ show_operator_name: false })).statusCode).toBe(200);
    });
});

describe('apps of other extensions', () => {
    it('refuses an app that is not installed, or a messages app the service user may not write to', async () => {
        const wrong = await patchLine({ account_app: 'crm.nothing' });
        expect(wrong.statusCode).toBe(400);
        expect(wrong.json().error.details.fields.account_app).toMatch(/not an installed app/);
        const noRight = await patchLine({ messages_app: 'crm.chat_log' });
        expect(noRight.statusCode).toBe(400);
        expect(noRight.json().error.details.fields.messages_app).toMatch(/service user/);
        const noText = await patchLine({ messages_app: 'crm.contacts' });
        expect(noText.json().error.details.fields.messages_app).toMatch(/no text field/);
    });

    it('binds a client to an item of the account app from the session, for the item\'s "by account" history', async () => {
        expect((await patchLine({ account_app: 'crm.contacts' })).statusCode).toBe(200);
        const sessionId = await takenSession('u-bind', 'b-1');
        const found = await ctx.api.get('operator1', 'search_accounts', { sessionId, q: 'alice' });
        expect(found.statusCode).toBe(200);
        expect(found.json().items).toEqual([{ id: contactId, name: 'Alice Contact' }]);
        // Readers see the session but may not bind; a stranger's session is not yours.
        expect((await ctx.api.call('reader', 'bind_account', { sessionId, itemId: contactId })).json().error.code).toBe('FORBIDDEN_ROLE');
        expect((await ctx.api.call('operator2', 'bind_account', { sessionId, itemId: contactId })).statusCode).toBe(403);

        const bound = await ctx.api.call('operator1', 'bind_account', { sessionId, itemId: contactId });
        expect(bound.statusCode).toBe(200);
        const client = (await rows(ctx.t, ctx.api.admin, 'clients')).find((c) => c.external_user_id === 'u-bind')!;
        expect(client).toMatchObject({ account: { app: 'crm.contacts', id: contactId, name: 'Alice Contact' }, account_id: contactId });
        const contact = (await crmRows('contacts')).find((c) => c.__id === contactId)!;
        expect(contact.chats).toEqual([client.__id]);

        const unbound = await ctx.api.call('operator1', 'bind_account', { sessionId, itemId: null });
        expect(unbound.statusCode).toBe(200);
        expect((await crmRows('contacts')).find((c) => c.__id === contactId)!.chats ?? []).toEqual([]);
        expect((await ctx.api.call('operator1', 'bind_account', { sessionId, itemId: 'no-such-item' })).json().error.code).toBe('NOT_FOUND');
    });

    it('records every message of the live chat in the messages app, with author, text, session and time', async () => {
        const service = (await ctx.t.host.store.system.users.byLogin('service.live_chats'))!;
        await ctx.t.host.store.system.users.setGroups(service.id, ['sales']);
        expect((await patchLine({ messages_app: 'crm.chat_log' })).statusCode).toBe(200);
        const sessionId = await takenSession('u-log', 'l-1');
        await ctx.api.call('operator1', 'reply', { sessionId, text: 'Logged reply' });
        await ctx.t.host.idle();
        const log = (await crmRows('chat_log')).filter((r) => r.session === sessionId);
        expect(log.find((r) => r.text === 'Hello')).toMatchObject({ author: 'u-log' });
        expect(log.find((r) => r.text === 'Logged reply')).toMatchObject({ author: 'Olga Operator' });
        expect(log.every((r) => typeof r.sent_at === 'string')).toBe(true);
        const thread = (await rows(ctx.t, ctx.api.admin, 'messages')).filter((m) => m.session === sessionId);
        expect(log).toHaveLength(thread.length);
        expect(thread.some((m) => code(m.author_kind) === 'system')).toBe(true);
    });

    it('stores no message when it cannot be recorded: the same transaction', async () => {
        const sessionId = await sessionOf('u-log');
        const before = (await rows(ctx.t, ctx.api.admin, 'messages')).filter((m) => m.session === sessionId).length;
        const service = (await ctx.t.host.store.system.users.byLogin('service.live_chats'))!;
        await ctx.t.host.store.system.users.setGroups(service.id, []);
        const refused = await ctx.api.call('operator1', 'reply', { sessionId, text: 'Not recorded' });
        expect(refused.statusCode).toBe(403);
        expect((await rows(ctx.t, ctx.api.admin, 'messages')).filter((m) => m.session === sessionId)).toHaveLength(before);
        expect((await crmRows('chat_log')).some((r) => r.text === 'Not recorded')).toBe(false);
    });

    it('indexes on install the clients an older version bound only in their account', async () => {
        const client = (await rows(ctx.t, ctx.api.admin, 'clients')).find((c) => c.external_user_id === 'u-name')!;
        await ctx.t.host.items.update('live_chats.clients', client.__id as string, { account: { app: 'crm.contacts', id: contactId }, account_id: null }, null);
        await ctx.t.host.extensions.install(new Uint8Array(fs.readFileSync(productPackage)));
        expect((await rows(ctx.t, ctx.api.admin, 'clients')).find((c) => c.__id === client.__id)!.account_id).toBe(contactId);
    });
});
