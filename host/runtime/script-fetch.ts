/**
 * The `fetch` scripts see (sdk/fetch.d.ts): a small subset of WHATWG Fetch — a method,
 * headers, a body (text, bytes, or a multipart form with files), the answer as text, JSON
 * or bytes, and the SDK's `timeout` (default 30 s) so a peer that never answers cannot
 * hold a script, a timer or a webhook forever.
 *
 * Built on node:http rather than Node's global fetch: scripts may call a peer for nearly
 * every request they handle, and the global fetch, with its web streams and abort signals,
 * costs about five times the CPU per call of a plain keep-alive request. The subset needs
 * none of what it adds. The requests themselves are made on a worker thread (fetch-thread.ts);
 * redirects, bodies and errors are worked out here.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { FetchThread } from './fetch-thread';
import { encodeMultipart, isMultipart, type MultipartBody } from './multipart-body';

export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;
/** A script reads the whole answer into memory: larger answers are refused. */
export const MAX_FETCH_RESPONSE_BYTES = 20 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export type ScriptFetchBody = string | Uint8Array | MultipartBody;

export interface ScriptFetchInit {
    method?: string;
    headers?: Record<string, string>;
    body?: ScriptFetchBody;
    timeout?: number;
}

export interface ScriptFetchResponse {
    readonly ok: boolean;
    readonly status: number;
    readonly statusText: string;
    readonly url: string;
    readonly headers: { get(name: string): string | null };
    text(): Promise<string>;
    json(): Promise<unknown>;
    bytes(): Promise<Uint8Array>;
}

function timeoutError(ms: number): Error {
    const error = new Error(`The request took longer than ${ms} ms`);
    error.name = 'TimeoutError';
    return error;
}

/** As the global fetch: a peer that cannot be reached is a TypeError, its cause the network error. */
function networkError(message: string, code?: string): TypeError {
    const cause = Object.assign(new Error(message), code ? { code } : {});
    return new TypeError('fetch failed', { cause });
}

interface Answer {
    status: number;
    statusText: string;
    headers: IncomingHttpHeaders;
    body: Buffer;
}

interface Payload {
    bytes: string | Uint8Array;
    /** The content type the body implies (a multipart boundary), unless the caller set one. */
    type?: string;
}

/** The bytes to send; a multipart form gets its boundary in the content type. */
function payloadOf(body: ScriptFetchBody | undefined): Payload | undefined {
    if (body === undefined) return undefined;
    if (typeof body === 'string') return { bytes: body };
    if (body instanceof Uint8Array) return { bytes: body };
    if (isMultipart(body)) return encodeMultipart(body);
    throw new TypeError('fetch: the body must be text, bytes (Uint8Array) or { multipart: [...] }');
}

const thread = new FetchThread(MAX_FETCH_RESPONSE_BYTES);

async function send(url: URL, method: string, headers: Record<string, string>, payload: Payload | undefined, deadline: number, ms: number): Promise<Answer> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`fetch: unsupported protocol ${url.protocol}`);
    // Copied key by key: merging spreads costs about a microsecond a key in this V8, on a call made per message.
    const sent: Record<string, string> = Object.assign({}, headers);
    if (payload?.type && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) sent['content-type'] = payload.type;
    const answer = await thread.send(url.href, method, sent, payload?.bytes, deadline, ms);
    if ('failure' in answer) {
        const { kind, message, code } = answer.failure;
        throw kind === 'timeout' ? timeoutError(ms) : kind === 'refused' ? new TypeError(message) : networkError(message, code);
    }
    const { body } = answer;
    return { status: answer.status, statusText: answer.statusText, headers: answer.headers, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
}

function respond(url: string, answer: Answer): ScriptFetchResponse {
    return {
        ok: answer.status >= 200 && answer.status < 300,
        status: answer.status,
        statusText: answer.statusText,
        url,
        headers: {
            get(name: string) {
                const value = answer.headers[name.toLowerCase()];
                return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
            },
        },
        text: async () => answer.body.toString('utf8'),
        json: async () => JSON.parse(answer.body.toString('utf8')) as unknown,
        bytes: async () => new Uint8Array(answer.body),
    };
}

/**
 * Addresses parsed before: a script calls the same few peers for nearly every message, and
 * parsing a URL costs more than the rest of preparing the request. Never changed once made.
 */
const parsedUrls = new Map<string, URL>();

/** Sends one request, following up to five redirects as the global fetch does. */
export async function scriptFetch(address: string, init: ScriptFetchInit = {}): Promise<ScriptFetchResponse> {
    const ms = typeof init.timeout === 'number' && init.timeout > 0 ? init.timeout : DEFAULT_FETCH_TIMEOUT_MS;
    const deadline = Date.now() + ms;
    let url = parsedUrls.get(address);
    if (!url) {
        try {
            url = new URL(address);
        } catch (error) {
            throw new TypeError(`fetch: invalid URL ${JSON.stringify(address)}`, { cause: error });
        }
        if (parsedUrls.size >= 1_000) parsedUrls.clear();
        parsedUrls.set(address, url);
    }
    let method = (init.method ?? 'GET').toUpperCase();
    let body = payloadOf(init.body);
    for (let redirects = 0; ; redirects++) {
        const answer = await send(url, method, init.headers ?? {}, body, deadline, ms);
        const location = answer.headers.location;
        if (![301, 302, 303, 307, 308].includes(answer.status) || !location) return respond(url.href, answer);
        if (redirects >= MAX_REDIRECTS) throw new TypeError('fetch: too many redirects');
        url = new URL(location, url);
        // As WHATWG Fetch: a 303 (and a 301/302 after a POST) continues as a GET without a body.
        if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
        }
    }
}
