/**
 * Outbound HTTP for server scripts: the global `fetch`, a subset of the WHATWG Fetch API
 * with one addition, `timeout`, because a script must never hang on a silent peer.
 */

/** Options of one outbound request. */
export interface FetchInit {
    /** `GET` (default), `POST`, ... */
    method?: string;
    /** Request headers by name. */
    headers?: Record<string, string>;
    /** The body as text; serialise JSON yourself and set `content-type`. */
    body?: string;
    /**
     * Milliseconds after which the request is aborted and `fetch` rejects (default 30 000).
     * Not part of WHATWG Fetch: the platform adds it.
     */
    timeout?: number;
}

/** Headers of an answer, names case-insensitive. */
export interface FetchHeaders {
    /** The header's value, or `null` when absent. */
    get(name: string): string | null;
}

/** The answer to an outbound request. */
export interface FetchResponse {
    /** The HTTP status code. */
    readonly status: number;
    /** Whether the status is 200–299. */
    readonly ok: boolean;
    /** The answer's headers. */
    readonly headers: FetchHeaders;
    /** Reads the body as text. */
    text(): Promise<string>;
    /**
     * Reads the body as JSON.
     * @throws SyntaxError when the body is not JSON.
     */
    json(): Promise<unknown>;
}

/**
 * Sends an HTTP request.
 * @throws TypeError when the peer cannot be reached; an Error named `TimeoutError` when `timeout` passes.
 * @example const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(x), timeout: 5000 })
 */
export type FetchFunction = (url: string, init?: FetchInit) => Promise<FetchResponse>;
