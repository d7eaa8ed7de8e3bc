/**
 * Outbound HTTP for server scripts: the standard `fetch`, typed here without the DOM
 * library so that scripts see only what the platform offers, plus one addition,
 * `timeout`, because a script must never hang on a silent peer.
 */

/** One field of a multipart form: a text `value`, or a `file`. */
export interface FetchFormPart {
    /** The field name. */
    readonly name: string;
    /** A text field's value. */
    readonly value?: string;
    /** A file field: its name, bytes and content type (`application/octet-stream` when not given). */
    readonly file?: { readonly name: string; readonly content: Uint8Array; readonly contentType?: string };
}

/**
 * A `multipart/form-data` body (file uploads); the platform picks the boundary and sets the
 * content type. Stands in for WHATWG `FormData`, which scripts do not have.
 * @example { multipart: [{ name: 'chat_id', value: '42' }, { name: 'photo', file: { name: 'a.jpg', content: bytes, contentType: 'image/jpeg' } }] }
 */
export interface FetchMultipartBody {
    readonly multipart: readonly FetchFormPart[];
}

/** Options of an outbound request. */
export interface FetchInit {
    /** `GET` (default), `POST`, ... */
    method?: string;
    /** Request headers by name. */
    headers?: Record<string, string>;
    /**
     * The body: text (e.g. `JSON.stringify(...)`), bytes, or a multipart form.
     * @throws TypeError (from `fetch`) for anything else, or a form part with neither value nor file.
     */
    body?: string | Uint8Array | FetchMultipartBody;
    /**
     * Milliseconds after which the request is aborted and `fetch` rejects with an Error
     * named `TimeoutError` (default 30 000). Not part of WHATWG Fetch: the platform adds it.
     */
    timeout?: number;
}

/** Headers of a response. */
export interface FetchHeaders {
    /** The value of a header, or `null` when absent; names are case-insensitive. */
    get(name: string): string | null;
}

/** The answer to an outbound request. */
export interface FetchResponse {
    /** Whether the status is 200–299. */
    readonly ok: boolean;
    /** The HTTP status code. */
    readonly status: number;
    /** The status text, e.g. `Not Found`. */
    readonly statusText: string;
    /** The response headers. */
    readonly headers: FetchHeaders;
    /** The body as text. */
    text(): Promise<string>;
    /**
     * The body parsed as JSON.
     * @throws SyntaxError when the body is not JSON.
     */
    json(): Promise<unknown>;
    /** The body as bytes (a downloaded file). */
    bytes(): Promise<Uint8Array>;
}

/**
 * Sends an HTTP request.
 * @throws TypeError when the server cannot be reached (refused, DNS, reset); an Error named
 * `TimeoutError` when `init.timeout` passes.
 * @example await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(x), timeout: 5000 })
 */
export type Fetch = (url: string, init?: FetchInit) => Promise<FetchResponse>;
