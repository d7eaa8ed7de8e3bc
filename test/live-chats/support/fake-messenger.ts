/**
 * A fake arbitrary messenger on 127.0.0.1: records every request the host sends it
 * (`connect`, `message`, `userInfo`, `messageOutcome`, ...), answers `userInfo` from a
 * table, and can be switched "down" (503) to test retries, or made slow per request
 * through `gate` (the request is recorded as received before the gate is awaited).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MessengerRequest {
    type: string;
    token?: string;
    channelId?: string;
    data?: Record<string, unknown>;
}

export interface FakeMessenger {
    url: string;
    received: MessengerRequest[];
    /** While true every request is answered 503. */
    down: boolean;
    /** Profiles answered to `userInfo`, by user id. */
    profiles: Record<string, object>;
    /** Awaited after a request is recorded and before it is answered: a slow or stuck messenger. */
    gate?: (request: MessengerRequest) => Promise<void> | void;
    ofType(type: string): MessengerRequest[];
    /** Resolves with the first recorded request that matches, polling until `timeoutMs`. */
    waitFor(match: (r: MessengerRequest) => boolean, timeoutMs?: number): Promise<MessengerRequest>;
    close(): Promise<void>;
}

export async function startFakeMessenger(): Promise<FakeMessenger> {
    const self = { received: [] as MessengerRequest[], down: false, profiles: {} as Record<string, object> } as FakeMessenger;
    const server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', async () => {
            if (self.down) return void res.writeHead(503).end('down');
            const request = JSON.parse(body) as MessengerRequest;
            self.received.push(request);
            await self.gate?.(request);
            if (res.destroyed) return;
            const answer = request.type === 'userInfo' ? self.profiles[String(request.data?.userId)] ?? {} : { ok: true };
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
        });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bridge`;
    self.ofType = (type) => self.received.filter((r) => r.type === type);
    self.waitFor = async (match, timeoutMs = 5_000) => {
        const until = Date.now() + timeoutMs;
        for (;;) {
            const found = self.received.find(match);
            if (found) return found;
            if (Date.now() > until) throw new Error(`The messenger did not receive the expected request; got ${JSON.stringify(self.received.map((r) => r.type))}`);
            await new Promise((r) => setTimeout(r, 20));
        }
    };
    self.close = async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
    };
    return self;
}
