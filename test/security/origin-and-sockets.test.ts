/**
 * Pages of other origins cannot use the user's cookie: the WebSocket and state-changing
 * routes refuse them, public extension routes run without the user. A socket lives no
 * longer than its login session: sign-out, expiry and blocking the user close it.
 */
import { createHash } from 'node:crypto';
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { openTab as open, until } from '../support/sockets';
import { startTestHost, type TestHost } from '../support/test-host';

const hookManifest = fixtureManifest({ routes: [{ method: 'POST', path: '/api/fixture/hook', script: 'hook', bodyLimit: 1000 }] });
const hookServer = `
module.exports = { widgets: {}, scripts: {
    async hook() {
        const me = await System.users.getCurrentUser();
        return new HttpResponse().json({ user: me ? me.data.login : null });
    },
} };`;

describe('origin checks and socket lifetime', () => {
    let t: TestHost;
    let base: string;
    let wsUrl: string;
    let operatorId: string;
    const push = () => t.host.hub.publish({ users: [operatorId] }, 'private', { text: 'for operator1 only' });

    beforeAll(async () => {
        t = await startTestHost();
        await t.host.extensions.install(fixturePackage(hookManifest, hookServer));
        base = await t.host.listen(0, '127.0.0.1');
        t.host.setBaseUrl(base);
        wsUrl = `${base.replace('http', 'ws')}/api/ws`;
        operatorId = (await t.host.store.system.users.byLogin('operator1'))!.id;
    });
    afterAll(() => t.close());

    it('refuses a WebSocket opened by a page of another origin, and accepts its own', async () => {
        const cookie = await t.login('operator1');
        const otherPort = base.replace(/:\d+$/, ':1');
        await expect(open(wsUrl, cookie, otherPort)).rejects.toThrow(/403/);
        const own = await open(wsUrl, cookie, base);
        await until(() => own.messages.length > 0);
        expect(own.messages[0]).toMatchObject({ type: 'hello' });
        own.socket.close();
    });

    it('closes the sockets of the login session that signs out, and only those', async () => {
        const [first, second] = [await t.login('operator1'), await t.login('operator1')];
        const signingOut = await open(wsUrl, first);
        const staying = await open(wsUrl, second);
        await until(() => signingOut.messages.length > 0 && staying.messages.length > 0);
        expect((await t.request({ method: 'POST', url: '/api/auth/logout', cookie: first })).statusCode).toBe(200);
        expect(await signingOut.closed).toBe(4401);
        await push();
        await until(() => staying.messages.some((m) => m.event === 'private'));
        expect(signingOut.messages.some((m) => m.event === 'private')).toBe(false);
        staying.socket.close();
    });

    it('closes a socket when its login session expires', async () => {
        const token = 'short-lived-token';
        await t.host.store.system.logins.create(createHash('sha256').update(token).digest('hex'), operatorId, Date.now() + 400);
        const tab = await open(wsUrl, `brix_session=${token}`);
        expect(await tab.closed).toBe(4401);
    });

    it("closes a blocked user's sockets and ends their sessions", async () => {
        const readerId = (await t.host.store.system.users.byLogin('reader'))!.id;
        const cookie = await t.login('reader');
        const tab = await open(wsUrl, cookie);
        await t.host.setUserStatus(readerId, 'blocked');
        expect(await tab.closed).toBe(4401);
        expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
        await t.host.setUserStatus(readerId, 'active');
        expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
    });

    it('refuses cross-site state changes, logout included, with 403 in the host shape', async () => {
        const cookie = await t.login('admin');
        const evil = { origin: 'http://evil.example', 'content-type': 'text/plain' };
        const logout = await t.request({ method: 'POST', url: '/api/auth/logout', cookie, headers: evil, body: 'x=1' });
        expect(logout.statusCode).toBe(403);
        expect(logout.json().error).toMatchObject({ code: 'FORBIDDEN', message: expect.any(String) });
        const fetchSite = await t.request({ method: 'DELETE', url: '/api/admin/extensions/live-chats', cookie, headers: { 'sec-fetch-site': 'same-site' } });
        expect(fetchSite.statusCode).toBe(403);
        expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(200);
        // The host's own pages, and programs that send neither header, pass.
        const own = await t.request({ method: 'POST', url: '/api/auth/logout', cookie, headers: { origin: base, 'sec-fetch-site': 'same-origin' } });
        expect(own.statusCode).toBe(200);
        expect((await t.request({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    });

    it('lets other sites call public extension routes, but without the user', async () => {
        const cookie = await t.login('admin');
        const call = (origin: string) => t.request({ method: 'POST', url: '/api/fixture/hook', cookie, headers: { origin }, body: {} });
        const fromElsewhere = await call('http://evil.example');
        expect([fromElsewhere.statusCode, fromElsewhere.json()]).toEqual([200, { user: null }]);
        expect((await call(base)).json()).toEqual({ user: 'admin' });
    });

    it('sends a content security policy without inline script and forbids framing', async () => {
        const page = await t.request({ method: 'GET', url: '/' });
        const csp = String(page.headers['content-security-policy']);
        expect(csp).toMatch(/script-src 'self'/);
        expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
        expect(csp).toMatch(/frame-ancestors 'none'/);
        expect(page.headers).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' });
        expect(page.body).not.toMatch(/<script>|\son[a-z]+=/);
    });
});
