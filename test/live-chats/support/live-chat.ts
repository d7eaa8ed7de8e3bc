/**
 * A live chat set up through the HTTP API as an administrator would: the live chat, its
 * internal and arbitrary-messenger channels, and short retry delays. Plus helpers to call
 * the live chat API methods and the webhook.
 */
import type { LightMyRequestResponse } from 'fastify';
import { startTestHost, type TestHost } from '../../support/test-host';
import { startFakeMessenger, type FakeMessenger } from './fake-messenger';

export const TOKEN = 'secret-token';

export interface LiveChat {
    lineId: string;
    otherChannelId: string;
    internalChannelId: string;
}

export interface Api {
    admin: string;
    cookies: Record<string, string>;
    call(who: string | null, code: string, body?: object): Promise<LightMyRequestResponse>;
    get(who: string | null, code: string, query: Record<string, string>): Promise<LightMyRequestResponse>;
    webhook(channelId: string, body: unknown): Promise<LightMyRequestResponse>;
    /** Sends a client message through the arbitrary-messenger webhook. */
    clientWrites(channelId: string, data: { id: string; user: string; text: string; chat?: string; chatName?: string }): Promise<LightMyRequestResponse>;
    setStatus(who: string, status: 'online' | 'offline'): Promise<void>;
}

const logins = ['admin', 'supervisor', 'operator1', 'operator2', 'reader', 'employee'];

export async function apiFor(t: TestHost): Promise<Api> {
    const cookies: Record<string, string> = {};
    for (const login of logins) cookies[login] = await t.login(login);
    const api: Api = {
        admin: cookies.admin,
        cookies,
        call: (who, code, body = {}) => t.request({ method: 'POST', url: `/api/extensions/live_chats/${code}`, cookie: who ? cookies[who] : undefined, body }),
        get: (who, code, query) => t.request({ method: 'GET', url: `/api/extensions/live_chats/${code}?${new URLSearchParams(query)}`, cookie: who ? cookies[who] : undefined }),
        webhook: (channelId, body) => t.request({ method: 'POST', url: `/api/messengers/external/other/webhook/${channelId}`, body, headers: { 'content-type': 'application/json' } }),
        clientWrites: (channelId, d) => api.webhook(channelId, {
            type: 'message', token: TOKEN, channelId,
            data: { externalMessageId: d.id, externalChatId: d.chat ?? `chat-${d.user}`, externalChatName: d.chatName ?? '', externalUserId: d.user, text: d.text, files: [] },
        }),
        async setStatus(who, status) {
            const res = await api.call(who, 'set_status', { status });
            if (res.statusCode !== 200) throw new Error(`set_status ${who}: ${res.body}`);
        },
    };
    await api.call('admin', 'save_settings', { delivery_retry_base_ms: 50, delivery_retry_max_ms: 200 });
    return api;
}

async function createItem(t: TestHost, admin: string, app: string, body: object): Promise<string> {
    const res = await t.request({ method: 'POST', url: `/api/apps/live_chats/${app}/items`, cookie: admin, body });
    if (res.statusCode !== 201) throw new Error(`create ${app}: ${res.body}`);
    return res.json().__id as string;
}

export async function createLiveChat(t: TestHost, api: Api, messenger: FakeMessenger | null, line: Record<string, unknown> = {}): Promise<LiveChat> {
    const lineId = await createItem(t, api.admin, 'lines', {
        __name: 'Support', time_zone: 'UTC', operator_groups: ['operators'], supervisor_groups: ['supervisors'],
        internal_customer_groups: ['employees'], reader_groups: ['readers'], naming_template: '{{client_name}} via {{channel_name}}', ...line,
    });
    const internalChannelId = await createItem(t, api.admin, 'channels', { __name: 'Messages', line: lineId, kind: 'internal', settings: {} });
    const otherChannelId = await createItem(t, api.admin, 'channels', {
        __name: 'Bridge', line: lineId, kind: 'other', settings: { url: messenger?.url ?? '' }, token: TOKEN,
    });
    await t.host.idle();
    return { lineId, otherChannelId, internalChannelId };
}

/** Rows of an app as the administrator lists them. */
export async function rows(t: TestHost, admin: string, app: string): Promise<Record<string, unknown>[]> {
    const res = await t.request({ method: 'GET', url: `/api/apps/live_chats/${app}/items?size=1000`, cookie: admin });
    return res.json().items as Record<string, unknown>[];
}

export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 5_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > until) throw new Error('Condition not met in time');
        await new Promise((r) => setTimeout(r, 20));
    }
}

export interface LiveChatTest {
    t: TestHost;
    messenger: FakeMessenger;
    api: Api;
    chat: LiveChat;
    /** User ids by login. */
    ids: Record<string, string>;
}

/**
 * Registers beforeAll/afterAll that start a host, a fake messenger and a live chat; the
 * returned object is filled in before the first test runs.
 * @param prepare runs on the fresh host before the live chat is created (e.g. to set up groups).
 */
export function useLiveChat(line: Record<string, unknown> = {}, prepare: (t: TestHost) => Promise<void> = async () => undefined): LiveChatTest {
    const ctx = {} as LiveChatTest;
    beforeAll(async () => {
        ctx.t = await startTestHost();
        await prepare(ctx.t);
        ctx.messenger = await startFakeMessenger();
        ctx.api = await apiFor(ctx.t);
        ctx.chat = await createLiveChat(ctx.t, ctx.api, ctx.messenger, line);
        ctx.ids = {};
        for (const login of logins) ctx.ids[login] = (await ctx.t.host.store.system.users.byLogin(login))!.id;
    });
    afterAll(async () => {
        await ctx.t.close();
        await ctx.messenger.close();
    });
    return ctx;
}
