/**
 * Telegram bot channels against a fake Bot API server on 127.0.0.1 (support/fake-telegram.ts):
 * token check, webhook with secret token, long polling with an offset that survives a
 * restart, files both ways, replies in order through 429 and 5xx, edits, downtime shown on
 * the channel, and a switched-off channel that receives nothing.
 */
import type { Message as TgMessage } from '@grammyjs/types';
import type { TestHost } from '../support/test-host';
import { apiFor, eventually, rows, useLiveChat, type Api } from './support/live-chat';
import { startFakeTelegram, type FakeTelegram } from './support/fake-telegram';

const chat = { id: 777, type: 'private' as const, first_name: 'Ann', last_name: 'Lee', username: 'annlee' };
let nextMessageId = 1;
const textMessage = (text: string, from = chat): TgMessage => ({
    message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: from,
    from: { id: from.id, is_bot: false, first_name: from.first_name, username: from.username }, text,
} as TgMessage);

async function createTelegramChannel(t: TestHost, api: Api, lineId: string, tg: FakeTelegram, settings: object, token = tg.token): Promise<Record<string, unknown>> {
    const res = await t.request({
        method: 'POST', url: '/api/apps/live_chats/channels/items', cookie: api.admin,
        body: { __name: 'Bot', line: lineId, kind: 'telegram', token, settings: { api_url: tg.url, ...settings } },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    await t.host.idle();
    return (await rows(t, api.admin, 'channels')).find((c) => c.__id === res.json().__id)!;
}

const thread = async (api: Api, sessionId: string) =>
    (await api.get('operator1', 'session', { sessionId })).json().messages as { id: string; text: string; deliveryState: string; attachments?: { name: string; url: string }[] }[];

describe('Telegram bot channel (webhook)', () => {
    const ctx = useLiveChat();
    let tg: FakeTelegram;
    let channel: Record<string, unknown>;
    const hook = (update: object, secret?: string) => ctx.t.request({
        method: 'POST', url: `/api/messengers/telegram/webhook/${String(channel.__id)}`, body: update,
        headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
    });

    beforeAll(async () => {
        tg = await startFakeTelegram();
        channel = await createTelegramChannel(ctx.t, ctx.api, ctx.chat.lineId, tg, { mode: 'webhook' });
    });
    afterAll(() => tg.close());

    it('refuses a bad token: the channel shows Error with the reason', async () => {
        const bad = await createTelegramChannel(ctx.t, ctx.api, ctx.chat.lineId, tg, { mode: 'webhook' }, '999:wrong');
        expect(bad).toMatchObject({ state: { code: 'error' } });
        expect(String(bad.last_error)).toMatch(/refused the bot token/);
    });

    it('checks the token and sets the webhook with a secret token', () => {
        expect(channel).toMatchObject({ state: { code: 'active' }, last_error: null });
        expect(tg.ofMethod('getMe').length).toBeGreaterThan(0);
        expect(tg.webhook?.url).toBe(`http://127.0.0.1/api/messengers/telegram/webhook/${String(channel.__id)}`);
        expect(tg.webhook?.secret.length).toBeGreaterThanOrEqual(32);
    });

    it('answers 401 without the secret token and stores nothing; stores an update once', async () => {
        const update = { update_id: 1, message: textMessage('Hello desk') };
        expect((await hook(update)).statusCode).toBe(401);
        expect((await hook(update, 'wrong')).statusCode).toBe(401);
        expect((await rows(ctx.t, ctx.api.admin, 'messages')).some((m) => m.text === 'Hello desk')).toBe(false);
        expect((await hook(update, tg.webhook!.secret)).statusCode).toBe(200);
        expect((await hook(update, tg.webhook!.secret)).statusCode).toBe(200);
        expect((await rows(ctx.t, ctx.api.admin, 'messages')).filter((m) => m.text === 'Hello desk')).toHaveLength(1);
        const client = (await rows(ctx.t, ctx.api.admin, 'clients')).find((c) => c.external_user_id === '777');
        expect(client).toMatchObject({ __name: 'Ann Lee', username: 'annlee' });
        const session = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === '777');
        expect(session).toMatchObject({ state: { code: 'waiting' } });
    });

    it('stores an inbound photo through getFile, served by the platform', async () => {
        const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
        tg.addFile('ph-big', bytes);
        const photo = { ...textMessage(''), text: undefined, caption: 'my screen', photo: [
            { file_id: 'ph-small', file_unique_id: 's', width: 90, height: 90, file_size: 10 },
            { file_id: 'ph-big', file_unique_id: 'b', width: 800, height: 600, file_size: 7 * 1000 },
        ] };
        expect((await hook({ update_id: 2, message: photo }, tg.webhook!.secret)).statusCode).toBe(200);
        const stored = (await rows(ctx.t, ctx.api.admin, 'messages')).find((m) => m.text === 'my screen')!;
        const [file] = stored.attachments as { url: string }[];
        expect(file.url).toMatch(/^\/api\/files\//);
        expect(JSON.stringify(stored)).not.toContain(tg.token);
        const download = await ctx.t.request({ method: 'GET', url: file.url, cookie: ctx.api.cookies.operator1 });
        expect(download.rawPayload.equals(bytes)).toBe(true);
    });

    it('sends replies in order through 429 retry_after and 5xx, uploads files, and carries edits', async () => {
        await ctx.api.setStatus('operator1', 'online');
        const session = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === '777')!;
        expect((await ctx.api.call('operator1', 'take', { sessionId: session.__id })).statusCode).toBe(200);
        tg.failNext('sendMessage', 429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
        tg.failNext('sendMessage', 502, { ok: false, error_code: 502, description: 'Bad Gateway' });
        const first = (await ctx.api.call('operator1', 'reply', { sessionId: session.__id, text: 'first' })).json().message;
        await ctx.api.call('operator1', 'reply', { sessionId: session.__id, text: 'second' });
        await eventually(async () => (await thread(ctx.api, String(session.__id))).filter((m) => ['first', 'second'].includes(m.text) && m.deliveryState === 'delivered').length === 2, 15_000);
        const sends = tg.ofMethod('sendMessage');
        expect(sends.map((c) => c.params.text)).toEqual(['first', 'first', 'first', 'second']);
        expect(sends.every((c) => String(c.params.chat_id) === '777')).toBe(true);

        const upload = await ctx.t.request({ method: 'POST', url: '/api/files?name=plan.png&type=image/png', cookie: ctx.api.cookies.operator1, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 9]), headers: { 'content-type': 'application/octet-stream' } });
        const f = upload.json();
        const withFile = await ctx.api.call('operator1', 'reply', { sessionId: session.__id, text: 'see the plan', files: [{ name: f.name, url: `/api/files/${f.id}`, size: f.size }] });
        expect(withFile.statusCode).toBe(201);
        const sent = await tg.waitFor((c) => c.method === 'sendPhoto');
        expect(sent.params.chat_id).toBe('777');
        expect(sent.files.photo).toMatchObject({ name: 'plan.png', type: 'image/png' });
        expect([...sent.files.photo.bytes]).toEqual([0x89, 0x50, 0x4e, 0x47, 9]);

        expect((await ctx.api.call('operator1', 'edit_message', { messageId: first.id, text: 'first, corrected' })).statusCode).toBe(200);
        const edit = await tg.waitFor((c) => c.method === 'editMessageText');
        const firstSent = tg.ofMethod('sendMessage').length;
        expect(edit.params).toMatchObject({ chat_id: '777', text: 'first, corrected' });
        expect(typeof edit.params.message_id).toBe('number');
        expect(tg.ofMethod('sendMessage')).toHaveLength(firstSent);
    });

    it('names the operator before the text of replies and edits while the live chat shows operator names', async () => {
        const session = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === '777')!;
        const line = `/api/apps/live_chats/lines/items/${ctx.chat.lineId}`;
        expect((await ctx.t.request({ method: 'PATCH', url: line, cookie: ctx.api.admin, body: { show_operator_name: true } })).statusCode).toBe(200);
        const named = (await ctx.api.call('operator1', 'reply', { sessionId: session.__id, text: 'named' })).json().message;
        await tg.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'Olga Operator: named');
        await eventually(async () => (await thread(ctx.api, String(session.__id))).some((m) => m.id === named.id && m.deliveryState === 'delivered'), 15_000);
        expect((await ctx.api.call('operator1', 'edit_message', { messageId: named.id, text: 'named, edited' })).statusCode).toBe(200);
        await tg.waitFor((c) => c.method === 'editMessageText' && c.params.text === 'Olga Operator: named, edited');
        await ctx.t.request({ method: 'PATCH', url: line, cookie: ctx.api.admin, body: { show_operator_name: false } });
    });

    it('a switched-off channel receives nothing and loses its webhook; Reconnect sets it again', async () => {
        const secret = tg.webhook!.secret;
        expect((await ctx.api.call('admin', 'disconnect_channel', { channelId: channel.__id })).statusCode).toBe(200);
        expect(tg.webhook).toBeNull();
        expect((await hook({ update_id: 9, message: textMessage('while off') }, secret)).statusCode).toBe(404);
        expect((await rows(ctx.t, ctx.api.admin, 'messages')).some((m) => m.text === 'while off')).toBe(false);
        const back = await ctx.api.call('admin', 'reconnect_channel', { channelId: channel.__id });
        expect(back.json()).toMatchObject({ state: 'active', error: null });
        expect(tg.webhook?.secret).toBeTruthy();
        expect(tg.webhook?.secret).not.toBe(secret);
    });
});

describe('Telegram bot channel (long polling)', () => {
    const ctx = useLiveChat();
    let tg: FakeTelegram;

    beforeAll(async () => {
        tg = await startFakeTelegram();
    });
    afterAll(() => tg.close());

    it('polls with an offset, survives a restart without losing or repeating updates, and shows downtime', async () => {
        tg.pushUpdate({ message: textMessage('before connect') });
        const channel = await createTelegramChannel(ctx.t, ctx.api, ctx.chat.lineId, tg, { mode: 'polling', poll_timeout: 1 });
        expect(channel).toMatchObject({ state: { code: 'active' } });
        expect(tg.ofMethod('deleteWebhook').length).toBeGreaterThan(0);
        const texts = async (t: TestHost, api: Api) => (await rows(t, api.admin, 'messages')).filter((m) => m.channel === channel.__id || (m.channel as { id?: string })?.id === channel.__id).map((m) => m.text);
        await eventually(async () => (await texts(ctx.t, ctx.api)).includes('before connect'), 8_000);
        tg.pushUpdate({ message: textMessage('second') });
        await eventually(async () => (await texts(ctx.t, ctx.api)).includes('second'), 8_000);

        // Down: the channel shows the error; back up, it recovers and fetches what waited.
        tg.down = true;
        tg.pushUpdate({ message: textMessage('during outage') });
        await eventually(async () => ((await rows(ctx.t, ctx.api.admin, 'channels')).find((c) => c.__id === channel.__id) as { state?: { code?: string } } | undefined)?.state?.code === 'error', 10_000);
        tg.down = false;
        await eventually(async () => (await texts(ctx.t, ctx.api)).includes('during outage'), 15_000);
        await eventually(async () => ((await rows(ctx.t, ctx.api.admin, 'channels')).find((c) => c.__id === channel.__id) as { state?: { code?: string } } | undefined)?.state?.code === 'active', 10_000);

        // Restart: updates that arrive meanwhile are fetched once, none twice.
        await ctx.t.stop();
        tg.pushUpdate({ message: textMessage('while the host was down') });
        const t2 = await ctx.t.restart();
        ctx.t = t2;
        const api2 = await apiFor(t2);
        await eventually(async () => (await texts(t2, api2)).includes('while the host was down'), 10_000);
        tg.pushUpdate({ message: textMessage('after restart') });
        await eventually(async () => (await texts(t2, api2)).includes('after restart'), 10_000);
        const all = await texts(t2, api2);
        expect(all.filter((x) => x === 'before connect')).toHaveLength(1);
        expect(all.filter((x) => x === 'second')).toHaveLength(1);
        expect(all.filter((x) => x === 'during outage')).toHaveLength(1);
        // Every poll after the first confirmed what came before it.
        const offsets = tg.ofMethod('getUpdates').map((c) => Number(c.params.offset ?? 0));
        expect(offsets.slice(1).every((o, i) => o >= offsets[i])).toBe(true);
    });
});
