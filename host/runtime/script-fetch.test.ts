/**
 * The scripts' fetch keeps the behaviour of WHATWG Fetch that scripts rely on (status,
 * headers, text and JSON bodies, redirects, TypeError for an unreachable peer) plus the
 * SDK's timeout, on keep-alive connections.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_FETCH_RESPONSE_BYTES, scriptFetch } from './script-fetch';

describe('script fetch', () => {
    let server: http.Server;
    let url: string;
    const sockets = new Set<unknown>();

    beforeAll(async () => {
        server = http.createServer((req, res) => {
            let body = '';
            req.on('data', (c) => (body += c));
            req.on('end', () => {
                const path = req.url ?? '/';
                if (path === '/slow') return void setTimeout(() => res.end('late'), 2_000).unref();
                if (path === '/moved') return void res.writeHead(302, { location: '/echo?from=moved' }).end();
                if (path === '/see-other') return void res.writeHead(303, { location: '/echo' }).end();
                if (path === '/loop') return void res.writeHead(307, { location: '/loop' }).end();
                if (path === '/huge') {
                    res.writeHead(200);
                    const chunk = Buffer.alloc(1024 * 1024, 'a');
                    let sent = 0;
                    const more = () => {
                        while (sent <= MAX_FETCH_RESPONSE_BYTES && res.write(chunk)) sent += chunk.length;
                        if (sent > MAX_FETCH_RESPONSE_BYTES) res.end();
                        else res.once('drain', more);
                    };
                    return void more();
                }
                res.writeHead(201, { 'content-type': 'application/json', 'x-Trace': 'abc' })
                    .end(JSON.stringify({ echo: body, method: req.method, path, type: req.headers['content-type'] ?? null, length: req.headers['content-length'] ?? null }));
            });
        });
        server.on('connection', (s) => sockets.add(s));
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
    });

    it('posts a text body and reads status, headers and JSON', async () => {
        const res = await scriptFetch(`${url}/echo`, { method: 'post', body: 'héllo', headers: { 'content-type': 'text/plain' } });
        expect(res.ok).toBe(true);
        expect(res.status).toBe(201);
        expect(res.statusText).toBe('Created');
        expect(res.headers.get('X-TRACE')).toBe('abc');
        expect(res.headers.get('x-missing')).toBeNull();
        expect(await res.json()).toEqual({ echo: 'héllo', method: 'POST', path: '/echo', type: 'text/plain', length: String(Buffer.byteLength('héllo')) });
    });

    it('keeps the connection for the next call', async () => {
        sockets.clear();
        for (let i = 0; i < 5; i++) await (await scriptFetch(`${url}/echo`)).text();
        expect(sockets.size).toBeLessThanOrEqual(1);
    });

    it('follows redirects, turning a 303 into a GET', async () => {
        expect(await (await scriptFetch(`${url}/moved`)).json()).toMatchObject({ path: '/echo?from=moved', method: 'GET' });
        expect(await (await scriptFetch(`${url}/see-other`, { method: 'POST', body: 'x' })).json()).toMatchObject({ path: '/echo', method: 'GET', echo: '' });
        await expect(scriptFetch(`${url}/loop`)).rejects.toThrow(/too many redirects/);
    });

    it('rejects with TimeoutError after the timeout, and with TypeError when nobody listens', async () => {
        const started = Date.now();
        await expect(scriptFetch(`${url}/slow`, { timeout: 100 })).rejects.toMatchObject({ name: 'TimeoutError' });
        expect(Date.now() - started).toBeLessThan(1_500);
        const closed = http.createServer();
        await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
        const port = (closed.address() as AddressInfo).port;
        await new Promise((r) => closed.close(r));
        await expect(scriptFetch(`http://127.0.0.1:${port}/`)).rejects.toBeInstanceOf(TypeError);
        await expect(scriptFetch('not a url')).rejects.toBeInstanceOf(TypeError);
        await expect(scriptFetch('ftp://127.0.0.1/')).rejects.toBeInstanceOf(TypeError);
    });

    it('refuses an answer too large to hold in memory', async () => {
        await expect(scriptFetch(`${url}/huge`)).rejects.toThrow(/larger than/);
    });
});
