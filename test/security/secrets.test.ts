/**
 * A channel's token is a secret field: write-only through the item API and the shell,
 * never in lists, answers, searches or the OpenAPI document; only scripts read it. Tokens
 * kept in `settings` before 0.2.0 move to the secret field when the package is installed.
 */
import fs from 'node:fs';
import { productPackage } from '../support/test-host';
import { rows, TOKEN, useLiveChat } from '../live-chats/support/live-chat';

describe('secret fields', () => {
    const ctx = useLiveChat();
    const channelUrl = () => `/api/apps/live_chats/channels/items/${ctx.chat.otherChannelId}`;

    it('shows operators, supervisors and administrators only that the token is set', async () => {
        for (const who of ['operator1', 'supervisor', 'admin']) {
            const cookie = ctx.api.cookies[who];
            const one = await ctx.t.request({ method: 'GET', url: channelUrl(), cookie });
            const list = await ctx.t.request({ method: 'GET', url: '/api/apps/live_chats/channels/items', cookie });
            expect(one.json().token).toEqual({ set: true });
            expect(one.body).not.toContain(TOKEN);
            expect(list.body).not.toContain(TOKEN);
        }
    });

    it('is neither found by free-text search nor usable as a filter or sort', async () => {
        const search = await ctx.t.request({ method: 'GET', url: `/api/apps/live_chats/channels/items?q=${TOKEN}`, cookie: ctx.api.admin });
        expect(search.json().total).toBe(0);
        for (const query of [`f.token=${TOKEN}`, 'f.token.like=secret', 'sort=token:asc']) {
            const res = await ctx.t.request({ method: 'GET', url: `/api/apps/live_chats/channels/items?${query}`, cookie: ctx.api.admin });
            expect(res.statusCode).toBe(400);
            expect(res.json().error.code).toBe('BAD_REQUEST');
        }
    });

    it('takes a new value that the webhook then checks, and ignores its own answer sent back', async () => {
        const echoed = await ctx.t.request({ method: 'PATCH', url: channelUrl(), cookie: ctx.api.admin, body: { token: { set: true } } });
        expect(echoed.statusCode).toBe(200);
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'sec-1', user: 'u-sec', text: 'still the old token' })).statusCode).toBe(200);
        const replaced = await ctx.t.request({ method: 'PATCH', url: channelUrl(), cookie: ctx.api.admin, body: { token: 'a-new-token' } });
        expect(replaced.json().token).toEqual({ set: true });
        expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'sec-2', user: 'u-sec', text: 'old token' })).statusCode).toBe(401);
        const withNew = await ctx.api.webhook(ctx.chat.otherChannelId, { type: 'message', token: 'a-new-token', data: { externalMessageId: 'sec-3', externalUserId: 'u-sec', text: 'new token' } });
        expect(withNew.statusCode).toBe(200);
        await ctx.t.request({ method: 'PATCH', url: channelUrl(), cookie: ctx.api.admin, body: { token: TOKEN } });
    });

    it('is write-only in the OpenAPI document', async () => {
        const doc = (await ctx.t.request({ method: 'GET', url: '/api/openapi.json', cookie: ctx.api.admin })).json();
        expect(doc.components.schemas.live_chats_channels.properties.token).toMatchObject({ type: 'string', writeOnly: true });
    });

    it('moves a token kept in settings by an older version to the secret field on install', async () => {
        await ctx.t.host.items.update('live_chats.channels', ctx.chat.otherChannelId, { token: null, settings: { url: 'http://127.0.0.1:9/old', token: 'legacy-token' } }, null);
        expect((await ctx.t.request({ method: 'GET', url: channelUrl(), cookie: ctx.api.cookies.operator1 })).body).toContain('legacy-token');
        await ctx.t.host.extensions.install(new Uint8Array(fs.readFileSync(productPackage)));
        const channel = (await rows(ctx.t, ctx.api.admin, 'channels')).find((c) => c.__id === ctx.chat.otherChannelId)!;
        expect(channel.settings).toEqual({ url: 'http://127.0.0.1:9/old' });
        expect(channel.token).toEqual({ set: true });
        const res = await ctx.api.webhook(ctx.chat.otherChannelId, { type: 'message', token: 'legacy-token', data: { externalMessageId: 'sec-4', externalUserId: 'u-sec', text: 'legacy' } });
        expect(res.statusCode).toBe(200);
    });
});
