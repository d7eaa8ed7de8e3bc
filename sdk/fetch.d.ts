/**
 * Outbound HTTP for server scripts: the standard `fetch`, typed here without the DOM
 * library so that scripts see only what the platform offers.
 */

/** Options of an outbound request. */
export interface FetchInit {
    /** `GET` (default), `POST`, ... */
    method?: string;
    /** Request headers by name. */
    headers?: Record<string, string>;
    /** The body as text (e.g. `JSON.stringify(...)`). */
    body?: string;
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
}

/**
 * Sends an HTTP request.
 * @throws TypeError when the server cannot be reached (refused, DNS, reset).
 */
export type Fetch = (url: string, init?: FetchInit) => Promise<FetchResponse>;
