/**
 * What the extension's scripts own is not writable through the generic item API, even for
 * administrators: a session's lifecycle fields (its state, operator, close time), and the
 * creation and removal of sessions and messages. Those go through the live chat's actions.
 */
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startTestHost } from '../support/test-host';
import { rows, useLiveChat } from '../live-chats/support/live-chat';

describe('script-owned items and fields', () => {
    const ctx = useLiveChat();

    it('refuses an administrator closing a session by PATCHing its state, and changes nothing', async () => {
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'own-1', user: 'u-own', text: 'hello' });
        const session = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-u-own')!;
        const url = `/api/apps/live_chats/sessions/items/${session.__id}`;
        const res = await ctx.t.request({ method: 'PATCH', url, cookie: ctx.api.admin, body: { state: 'closed', closed_at: new Date().toISOString() } });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: { state: expect.any(String), closed_at: expect.any(String) } } });
        expect((await ctx.t.request({ method: 'GET', url, cookie: ctx.api.admin })).json()).toMatchObject({ state: { code: 'waiting' }, closed_at: null });
        const renamed = await ctx.t.request({ method: 'PATCH', url, cookie: ctx.api.admin, body: { priority: 'high' } });
        expect(renamed.statusCode).toBe(200);
    });

    it('offers no create or delete of sessions and no changes to messages, and refuses forged calls', async () => {
        const app = (await ctx.t.request({ method: 'GET', url: '/api/apps/live_chats/sessions', cookie: ctx.api.admin })).json();
        expect(app.allowed).toEqual(['read', 'update', 'export']);
        const created = await ctx.t.request({ method: 'POST', url: '/api/apps/live_chats/sessions/items', cookie: ctx.api.admin, body: { __name: 'Forged', line: ctx.chat.lineId } });
        expect(created.statusCode).toBe(403);
        const message = (await rows(ctx.t, ctx.api.admin, 'messages'))[0];
        const edited = await ctx.t.request({ method: 'PATCH', url: `/api/apps/live_chats/messages/items/${message.__id}`, cookie: ctx.api.admin, body: { text: 'rewritten' } });
        const removed = await ctx.t.request({ method: 'DELETE', url: `/api/apps/live_chats/messages/items/${message.__id}`, cookie: ctx.api.admin });
        expect([edited.statusCode, removed.statusCode]).toEqual([403, 403]);
        expect((await rows(ctx.t, ctx.api.admin, 'messages'))[0]).toMatchObject({ text: message.text, __deletedAt: null });
    });
});

describe('an install script', () => {
    it('runs after install with the previous version, and a failure marks the extension failed', async () => {
        const t = await startTestHost({ packageFile: null, demo: false });
        try {
            const script = (fail: boolean) => `module.exports = { widgets: {}, scripts: { async migrate() {
                const seen = await Namespace.app.notes.search().size(100).all();
                if (${fail}) throw new Error('migration broke');
                const note = Namespace.app.notes.create();
                note.data.__name = 'from ' + String(Context.data.previousVersion) + ' (' + seen.length + ' before)';
                await note.save();
            } } };`;
            await t.host.extensions.install(fixturePackage(fixtureManifest({ onInstall: 'migrate' }), script(false)));
            await t.host.extensions.install(fixturePackage(fixtureManifest({ version: '1.1.0', onInstall: 'migrate' }), script(false)));
            const notes = await t.host.items.find('fixture.notes', { sort: [{ field: '__name', asc: true }], from: 0, size: 10 });
            expect(notes.map((n) => n.__name)).toEqual(['from 1.0.0 (1 before)', 'from null (0 before)']);
            await expect(t.host.extensions.install(fixturePackage(fixtureManifest({ version: '1.2.0', onInstall: 'migrate' }), script(true))))
                .rejects.toMatchObject({ code: 'INSTALL_SCRIPT_FAILED' });
            expect(await t.host.store.system.extensions.get('fixture')).toMatchObject({ status: 'failed', lastError: expect.stringContaining('migration broke') });
        } finally {
            await t.close();
        }
    });
});
