/**
 * The thread that makes the scripts' outbound HTTP requests (script-fetch.ts). Writing a
 * request, parsing its answer and keeping the sockets cost the thread that serves requests
 * more CPU than a whole bare insert request, and a script may call a peer for nearly every
 * request it serves (a webhook that tells the sender what became of each message). Handed to a
 * worker, a request costs that thread two small messages, and another core does the HTTP.
 *
 * The worker's code is {@link fetchThreadMain}, started from its source text: so it runs the
 * same from the compiled host and from the TypeScript sources under test. It reaches Node's
 * modules with `require`, and nothing else of this file's scope is there.
 */
import { Worker } from 'node:worker_threads';
import type { IncomingHttpHeaders } from 'node:http';

/** One request, as the script's thread hands it over. */
export interface ThreadRequest {
    id: number;
    href: string;
    method: string;
    headers: Record<string, string>;
    /** Text goes as text: a Buffer would carry its whole shared pool across. */
    body?: string | Uint8Array;
    /**
     * Milliseconds the answer may take from now. Not a moment: the two threads' clocks may
     * differ (tests move the calling thread's `Date.now`).
     */
    wait: number;
    /** The timeout as the script gave it, for the error's text. */
    ms: number;
}

/** A failure, by kind, so the script's thread rebuilds the error a script expects. */
export interface ThreadFailure {
    kind: 'timeout' | 'network' | 'refused';
    message: string;
    /** The network error's own code (`ECONNREFUSED`, …), when it had one. */
    code?: string;
}

export type ThreadAnswer =
    | { id: number; status: number; statusText: string; headers: IncomingHttpHeaders; body: Uint8Array }
    | { id: number; failure: ThreadFailure };

/** Runs in the worker: sends each request on kept-alive connections and answers with its outcome. */
function fetchThreadMain(): void {
    const http = require('node:http') as typeof import('node:http');
    const https = require('node:https') as typeof import('node:https');
    const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
    const maxBytes = (workerData as { maxBytes: number }).maxBytes;
    // The same peers are called again and again: connections stay open between calls.
    const agents: Record<string, import('node:http').Agent> = {
        'http:': new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 }),
        'https:': new https.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 16 }),
    };
    const port = parentPort!;
    port.on('message', (r: ThreadRequest) => {
        let settled = false;
        const answer = (a: ThreadAnswer, moved: ArrayBuffer[] = []) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            port.postMessage(a, moved);
        };
        const fail = (kind: ThreadFailure['kind'], message: string, code?: string) => {
            request.destroy();
            answer({ id: r.id, failure: { kind, message, code } });
        };
        const url = new URL(r.href);
        const headers = r.headers;
        if (r.body !== undefined) headers['content-length'] = String(typeof r.body === 'string' ? Buffer.byteLength(r.body) : r.body.byteLength);
        const request = (url.protocol === 'https:' ? https : http).request(url, { method: r.method, agent: agents[url.protocol], headers });
        const timer = setTimeout(() => fail('timeout', `The request took longer than ${r.ms} ms`), Math.max(0, r.wait));
        request.on('error', (error: NodeJS.ErrnoException) => fail('network', error.message, error.code));
        request.on('response', (response) => {
            const chunks: Buffer[] = [];
            let size = 0;
            response.on('data', (chunk: Buffer) => {
                size += chunk.length;
                if (size > maxBytes) fail('refused', `fetch: the answer is larger than ${maxBytes} bytes`);
                else chunks.push(chunk);
            });
            response.on('error', (error: NodeJS.ErrnoException) => fail('network', error.message, error.code));
            response.on('end', () => {
                // A buffer of its own, moved to the other thread rather than copied with a shared pool.
                const body = new Uint8Array(size);
                let at = 0;
                for (const chunk of chunks) {
                    body.set(chunk, at);
                    at += chunk.length;
                }
                answer({ id: r.id, status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, body }, [body.buffer]);
            });
        });
        request.end(r.body);
    });
}

/** How long the worker is kept with nothing to do. */
const IDLE_MS = 30_000;

interface Waiting {
    resolve(answer: ThreadAnswer): void;
}

/** A running worker and the requests it holds. */
interface Running {
    worker: Worker;
    waiting: Map<number, Waiting>;
}

/**
 * The script side: one worker for the process, started at the first request and ended after
 * a while with nothing to do. It holds the process open only while a request is out, as a
 * socket would.
 */
export class FetchThread {
    private current: Running | undefined;
    private idle: NodeJS.Timeout | undefined;
    private next = 0;

    constructor(private readonly maxBytes: number) {}

    /** Sends one request; `deadline` is a moment of this thread's clock, `ms` the timeout as given. */
    send(href: string, method: string, headers: Record<string, string>, body: string | Uint8Array | undefined, deadline: number, ms: number): Promise<ThreadAnswer> {
        const running = this.started();
        const request: ThreadRequest = { id: this.next++, href, method, headers, body, wait: deadline - Date.now(), ms };
        return new Promise<ThreadAnswer>((resolve) => {
            if (running.waiting.size === 0) {
                running.worker.ref();
                clearTimeout(this.idle);
            }
            running.waiting.set(request.id, { resolve });
            running.worker.postMessage(request);
        });
    }

    private started(): Running {
        if (this.current) return this.current;
        const worker = new Worker(`(${fetchThreadMain.toString()})()`, { eval: true, workerData: { maxBytes: this.maxBytes } });
        const running: Running = { worker, waiting: new Map() };
        worker.on('message', (answer: ThreadAnswer) => {
            const waiting = running.waiting.get(answer.id);
            running.waiting.delete(answer.id);
            if (running.waiting.size === 0) this.rest(running);
            waiting?.resolve(answer);
        });
        // A worker that died answers what it held as failed calls; the next request starts another.
        const lost = (message: string) => {
            if (this.current === running) this.current = undefined;
            for (const [id, waiting] of running.waiting) waiting.resolve({ id, failure: { kind: 'network', message } });
            running.waiting.clear();
        };
        worker.on('error', (error) => lost(error.message));
        worker.on('exit', (code) => lost(`the fetch thread stopped (${code})`));
        this.current = running;
        this.rest(running);
        return running;
    }

    /** Lets the process exit while the worker waits, and ends the worker if it waits too long. */
    private rest(running: Running): void {
        running.worker.unref();
        clearTimeout(this.idle);
        this.idle = setTimeout(() => {
            if (this.current !== running || running.waiting.size) return;
            this.current = undefined;
            void running.worker.terminate();
        }, IDLE_MS);
        this.idle.unref();
    }
}
