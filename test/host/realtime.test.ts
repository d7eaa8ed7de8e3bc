/**
 * One WebSocket per tab at /api/ws, signed in by the session cookie; what scripts push to
 * users and groups reaches exactly their tabs; notifications are stored and pushed.
 */
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { openTab as open, until } from '../support/sockets';
import { startTestHost, type TestHost } from '../support/test-host';

const manifest = fixtureManifest({ api: [{ code: 'announce', script: 'announce' }, { code: 'tabs', method: 'GET', script: 'tabs' }] });
const server = `
module.exports = { widgets: {}, scripts: {
    async announce(req) {
        await System.realtime.publish({ groups: [req.body.group] }, 'announcement', { text: req.body.text });
        await System.notifications.send({ groups: [req.body.group] }, { title: 'News', text: req.body.text, link: '/news' });
        return new HttpResponse().json({ ok: true });
    },
    async tabs(req) {
        const me = await System.users.getCurrentUser();
        return new HttpResponse().json({ tabs: await System.realtime.connections(me.id) });
    },
} };`;

describe('realtime push', () => {
    let t: TestHost;
    let wsUrl: string;
    beforeAll(async () => {
        // The product package brings the demo users' groups; the fixture brings the scripts.
        t = await startTestHost();
        await t.host.extensions.install(fixturePackage(manifest, server));
        const address = await t.host.listen(0, '127.0.0.1');
        wsUrl = `${address.replace('http', 'ws')}/api/ws`;
    });
    afterAll(() => t.close());

    it('closes an anonymous socket with 4401', async () => {
        const { closed } = await open(wsUrl);
        expect(await closed).toBe(4401);
    });

    it('pushes to the tabs of the group members only, and stores notifications', async () => {
        const [admin, operator, reader] = await Promise.all([t.login('admin'), t.login('operator1'), t.login('reader')]);
        const operatorTab1 = await open(wsUrl, operator);
        const operatorTab2 = await open(wsUrl, operator);
        const readerTab = await open(wsUrl, reader);
        await until(() => operatorTab2.messages.length > 0 && readerTab.messages.length > 0);
        expect(operatorTab1.messages[0]).toMatchObject({ type: 'hello' });
        expect((await t.request({ method: 'GET', url: '/api/extensions/fixture/tabs', cookie: operator })).json()).toEqual({ tabs: 2 });

        await t.request({ method: 'POST', url: '/api/extensions/fixture/announce', cookie: admin, body: { group: 'operators', text: 'Standup <b>now</b>' } });
        await until(() => operatorTab1.messages.length >= 3 && operatorTab2.messages.length >= 3);
        for (const tab of [operatorTab1, operatorTab2]) {
            expect(tab.messages).toContainEqual({ type: 'event', event: 'announcement', payload: { text: 'Standup <b>now</b>' } });
            expect(tab.messages).toContainEqual(expect.objectContaining({ type: 'event', event: 'notification' }));
        }
        expect(readerTab.messages).toHaveLength(1);

        const stored = (await t.request({ method: 'GET', url: '/api/notifications', cookie: operator })).json();
        expect(stored.notifications).toEqual([expect.objectContaining({ title: 'News', text: 'Standup <b>now</b>', link: '/news', readAt: null })]);
        expect((await t.request({ method: 'GET', url: '/api/notifications', cookie: reader })).json().notifications).toEqual([]);

        operatorTab1.socket.close();
        await operatorTab1.closed;
        const operatorId = (stored.notifications[0] as { userId: string }).userId;
        await until(() => t.host.hub.connections(operatorId) === 1);
        operatorTab2.socket.close();
        readerTab.socket.close();
    });
});
