/**
 * Scripts' outbound requests are made on the fetch thread: a request goes out and its answer
 * is read while the thread that called is still busy with other work.
 */
import { Worker } from 'node:worker_threads';
import { scriptFetch } from './script-fetch';

/** A peer on its own thread (this one is kept busy), answering with the moment each request arrived. */
function startPeer(): Promise<{ url: string; worker: Worker }> {
    const worker = new Worker(`
        const http = require('node:http');
        const { parentPort } = require('node:worker_threads');
        const server = http.createServer((req, res) => {
            const arrived = Date.now();
            req.resume();
            req.on('end', () => res.end(JSON.stringify({ arrived })));
        });
        server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
    `, { eval: true });
    return new Promise((resolve) => worker.once('message', (port: number) => resolve({ url: `http://127.0.0.1:${port}/`, worker })));
}

describe('fetch thread', () => {
    it('sends a request while the calling thread is busy', async () => {
        const { url, worker } = await startPeer();
        try {
            await (await scriptFetch(url)).text();
            const answer = scriptFetch(url, { method: 'POST', body: 'hello' });
            const busyUntil = Date.now() + 300;
            while (Date.now() < busyUntil) {
                // Busy: this thread runs no callbacks until the loop ends.
            }
            const { arrived } = (await (await answer).json()) as { arrived: number };
            expect(arrived).toBeLessThan(busyUntil);
        } finally {
            await worker.terminate();
        }
    });

    it('times a request by its own timeout when the calling thread\'s clock was moved', async () => {
        const { url, worker } = await startPeer();
        const real = Date.now.bind(Date);
        const moved = jest.spyOn(Date, 'now').mockImplementation(() => real() - 86_400_000);
        try {
            const answer = await scriptFetch(url, { timeout: 5_000 });
            expect(answer.status).toBe(200);
        } finally {
            moved.mockRestore();
            await worker.terminate();
        }
    });

    it('answers a peer that cannot be reached with a TypeError whose cause has the network code', async () => {
        const error = (await scriptFetch('http://127.0.0.1:9/').catch((e: unknown) => e)) as TypeError & { cause: { code?: string } };
        expect(error).toBeInstanceOf(TypeError);
        expect(error.cause.code).toBe('ECONNREFUSED');
    });
});
