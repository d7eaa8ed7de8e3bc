/**
 * Guests without an account (visitors of another site) reach an extension through a guest
 * socket and load its embedded script. The extension's script decides who gets in; the host
 * keeps guests apart from staff pushes and bounds frames. Generic: a fixture extension.
 */
import WebSocket from 'ws';
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { until } from '../support/sockets';
import { startTestHost, type TestHost } from '../support/test-host';
import { parseManifest } from '../../host/manifest/schema';

const manifest = fixtureManifest({
    embeds: [{ code: 'bubble', path: '/bubble/:file' }],
    sockets: [{ code: 'lobby', script: 'lobby', maxFrameBytes: 1024, framesPerMinute: 5, maxFileBytes: 100 }],
    api: [{ code: 'shout', script: 'shout' }],
});

const server = `
const scripts = {
    async lobby() {
        const s = Context.data.socket;
        if (s.event === 'open') {
            if (s.query.pass !== 'yes') throw new ApiError('FORBIDDEN', 'No pass', 403);
            if (s.origin !== 'https://site.example') throw new ApiError('FORBIDDEN', 'Not from the site', 403);
            const signed = System.crypto.hmac('sha256', 'secret', s.query.guest);
            return { topics: ['fixture.guest:' + s.query.guest], state: { guest: s.query.guest, signed }, hello: { welcome: s.query.guest }, guest: s.query.guest };
        }
        if (s.body && s.body.fail) throw new ApiError('NOPE', 'Refused on purpose', 400);
        if (s.body && s.body.files) return { files: s.uploads.map((u) => u.name + ':' + u.size) };
        return { echo: s.body, guest: s.state.guest, equal: System.crypto.equal(s.state.signed, System.crypto.hmac('sha256', 'secret', s.state.guest)) };
    },
    async shout(req) {
        await System.realtime.publishToGuests('fixture.guest:' + req.body.guest, 'fixture.shout', { text: req.body.text });
        await System.realtime.publish({ groups: ['staff'] }, 'fixture.staff_only', {});
        return new HttpResponse().json({ guests: await System.realtime.guests('fixture.guest:' + req.body.guest) });
    },
};
module.exports = { scripts, widgets: {} };
`;

interface Frame { type: string; id?: unknown; payload?: unknown; result?: unknown; code?: string; event?: string; upload?: string }

function openGuest(url: string, origin = 'https://site.example') {
    const socket = new WebSocket(url, { origin });
    const frames: Frame[] = [];
    const closed = new Promise<{ code: number; reason: string }>((r) => socket.on('close', (code, reason) => r({ code, reason: reason.toString() })));
    socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Frame));
    return { socket, frames, closed, opened: new Promise<void>((r, j) => { socket.on('open', () => r()); socket.on('error', j); }) };
}

describe('guest sockets and embeds', () => {
    let t: TestHost;
    let base: string;
    beforeAll(async () => {
        t = await startTestHost({ packageFile: null });
        await t.host.extensions.install(fixturePackage(manifest, server, {}, { bubble: 'console.log("bubble")' }));
        base = (await t.host.listen(0)).replace('http', 'ws');
    });
    afterAll(() => t.close());

    it('serves an embed to any site without sign-in, whatever the parameter', async () => {
        const res = await t.request({ method: 'GET', url: '/bubble/abc-123.js', headers: { origin: 'https://elsewhere.example' } });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/javascript/);
        expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
        expect(res.body).toBe('console.log("bubble")');
        expect((await t.request({ method: 'GET', url: '/bubble/a/b.js' })).statusCode).toBe(404);
        expect((await t.request({ method: 'GET', url: '/nothing/x.js' })).statusCode).toBe(404);
    });

    it('refuses an embed path the host serves itself', () => {
        const parsed = parseManifest({ ...manifest, embeds: [{ code: 'x', path: '/api/:file' }] });
        expect(parsed.ok).toBe(false);
    });

    it('lets in only the guests the script admits, with the reason of a refusal', async () => {
        const noPass = openGuest(`${base}/api/sockets/fixture/lobby?guest=g1`);
        expect(await noPass.closed).toEqual({ code: 4403, reason: 'No pass' });
        const otherSite = openGuest(`${base}/api/sockets/fixture/lobby?guest=g1&pass=yes`, 'https://evil.example');
        expect((await otherSite.closed).code).toBe(4403);
        const unknown = openGuest(`${base}/api/sockets/fixture/nothing`);
        expect((await unknown.closed).code).toBe(4404);
    });

    it('answers frames in order with the state the script gave, and pushes only to the guest topic', async () => {
        const g = openGuest(`${base}/api/sockets/fixture/lobby?guest=g2&pass=yes`);
        await g.opened;
        await until(() => g.frames.some((f) => f.type === 'hello'));
        expect(g.frames[0]).toEqual({ type: 'hello', payload: { welcome: 'g2' }, upload: expect.any(String) });
        g.socket.send(JSON.stringify({ id: 'a', body: { n: 1 } }));
        g.socket.send(JSON.stringify({ id: 'b', body: { fail: true } }));
        await until(() => g.frames.length >= 3);
        expect(g.frames[1]).toEqual({ type: 'reply', id: 'a', result: { echo: { n: 1 }, guest: 'g2', equal: true } });
        expect(g.frames[2]).toMatchObject({ type: 'error', id: 'b', code: 'NOPE' });

        const admin = await t.login('admin');
        const shout = await t.request({ method: 'POST', url: '/api/extensions/fixture/shout', cookie: admin, body: { guest: 'g2', text: 'hi' } });
        expect(JSON.parse(shout.body)).toEqual({ guests: 1 });
        await until(() => g.frames.some((f) => f.type === 'event'));
        expect(g.frames.filter((f) => f.type === 'event')).toEqual([{ type: 'event', event: 'fixture.shout', payload: { text: 'hi' } }]);
        g.socket.close();
    });

    it('bounds frames per minute and frame size', async () => {
        const g = openGuest(`${base}/api/sockets/fixture/lobby?guest=g3&pass=yes`);
        await g.opened;
        await until(() => g.frames.some((f) => f.type === 'hello'));
        for (let i = 0; i < 7; i++) g.socket.send(JSON.stringify({ id: i, body: {} }));
        await until(() => g.frames.length >= 8);
        expect(g.frames.filter((f) => f.type === 'reply')).toHaveLength(5);
        expect(g.frames.filter((f) => f.type === 'error').map((f) => f.code)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
        // A second tab of the same guest shares the budget.
        const tab = openGuest(`${base}/api/sockets/fixture/lobby?guest=g3&pass=yes`);
        await tab.opened;
        await until(() => tab.frames.some((f) => f.type === 'hello'));
        tab.socket.send(JSON.stringify({ id: 'x', body: {} }));
        await until(() => tab.frames.length >= 2);
        expect(tab.frames[1]).toMatchObject({ type: 'error', code: 'TOO_MANY_REQUESTS' });
        g.socket.send('x'.repeat(2000));
        expect((await g.closed).code).toBe(4413);
        tab.socket.close();
    });

    it('takes a guest’s file only with the upload token of an open socket, within the size the manifest allows', async () => {
        const upload = (token: string, body: Buffer, origin = 'https://site.example') => t.request({
            method: 'POST', url: '/api/sockets/fixture/lobby/files?name=note.txt&type=text/plain', body,
            headers: { 'content-type': 'application/octet-stream', 'x-guest-upload': token, origin },
        });
        expect((await upload('made-up', Buffer.from('hello'))).statusCode).toBe(403);
        const g = openGuest(`${base}/api/sockets/fixture/lobby?guest=g4&pass=yes`);
        await g.opened;
        await until(() => g.frames.some((f) => f.type === 'hello'));
        const token = g.frames[0].upload!;
        const preflight = await t.request({ method: 'OPTIONS', url: '/api/sockets/fixture/lobby/files', headers: { origin: 'https://site.example', 'access-control-request-method': 'POST' } });
        expect(preflight.statusCode).toBe(204);
        expect(preflight.headers['access-control-allow-origin']).toBe('https://site.example');
        const ok = await upload(token, Buffer.from('hello'));
        expect(ok.statusCode).toBe(201);
        expect(ok.json()).toMatchObject({ name: 'note.txt', size: 5, url: expect.stringMatching(/^\/api\/files\//) });
        expect((await upload(token, Buffer.alloc(101))).statusCode).toBe(413);
        g.socket.send(JSON.stringify({ id: 'f', body: { files: true } }));
        await until(() => g.frames.some((f) => f.id === 'f'));
        expect(g.frames.find((f) => f.id === 'f')).toEqual({ type: 'reply', id: 'f', result: { files: ['note.txt:5'] } });
        g.socket.close();
        await g.closed;
        expect((await upload(token, Buffer.from('late'))).statusCode).toBe(403);
    });
});
