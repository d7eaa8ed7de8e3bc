/**
 * The messenger the product's channel talks to (userInfo for new clients, delivery outcomes,
 * connect), as its own process on 127.0.0.1: it answers every request 200 at once, so the
 * bench measures the product, not a slow peer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveParent } from './child';

let requests = 0;
const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
        requests++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
});
server.keepAliveTimeout = 60_000;

serveParent(async (command) => {
    if (command.kind === 'start') {
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bridge` };
    }
    return { requests };
});
