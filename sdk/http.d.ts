/**
 * Module HTTP API methods and public routes: `(req: HttpApiRequest) => Promise<HttpResponse>`.
 * The manifest lists them under `api` (called by signed-in users at
 * `/api/extensions/<namespace>/<code>`) and `routes` (public paths of their own).
 */
import type { TJSON } from './types';

/** An incoming HTTP request as a handler sees it. */
export interface HttpApiRequest {
    /** `GET`, `POST`, ... */
    readonly method: string;
    /** The path without the query string. */
    readonly path: string;
    /** Values of the route's `:name` parameters. */
    readonly params: Readonly<Record<string, string>>;
    /** Query string values; a repeated key keeps its last value. */
    readonly query: Readonly<Record<string, string>>;
    /** Header values, names in lower case. */
    readonly headers: Readonly<Record<string, string>>;
    /** The parsed JSON body, or `undefined` for an empty or non-JSON body. */
    readonly body: TJSON | undefined;
    /** The raw body as text. */
    readonly rawBody: string;
}

/** The answer a handler builds fluently: `new HttpResponse().status(201).json({...})`. */
export interface HttpResponse {
    /** Sets the status code (200 by default). */
    status(code: number): HttpResponse;
    /** Sets a header. */
    set(name: string, value: string): HttpResponse;
    /** Sends a JSON body (sets `content-type`). */
    json(body: TJSON | object): HttpResponse;
    /** Sends a text body with the given content type (default `text/plain; charset=utf-8`). */
    content(body: string, contentType?: string): HttpResponse;
    /**
     * Sends a body produced piece by piece: the host asks `body` for the next piece only as
     * the caller reads, so a large answer (an export) never sits in memory whole. The
     * iterable runs with the handler's globals (`Namespace`, `System`, `Context`) after
     * the handler has returned. Once the first piece is sent the status cannot change: an
     * error thrown later ends the answer early and is logged.
     * @example
     * return new HttpResponse().stream(lines(), 'application/x-ndjson');
     * async function* lines() { for (const s of sessions) yield JSON.stringify(s) + '\n'; }
     */
    stream(body: AsyncIterable<string | Uint8Array>, contentType?: string): HttpResponse;
    /**
     * Asks the browser to save the answer as a file named `fileName` (`Content-Disposition:
     * attachment`) instead of showing it. Characters a file name cannot hold are replaced.
     */
    download(fileName: string): HttpResponse;
}

/** Builds an {@link HttpResponse}. Available to scripts as the global `HttpResponse`. */
export interface HttpResponseConstructor {
    /** A 200 answer with no body yet. */
    new (): HttpResponse;
}

/** A handler for an API method or a public route. */
export type HttpApiHandler = (req: HttpApiRequest) => Promise<HttpResponse>;

/**
 * An error a script throws on purpose: the host answers it as
 * `{ "error": { "code", "message", "details"? } }` with the given status.
 * Available to scripts as the global `ApiError`.
 * @example throw new ApiError('NOT_YOUR_SESSION', 'The session is assigned to someone else', 403)
 */
export interface ApiError extends Error {
    /** A stable upper-case code, e.g. `OPERATOR_OFFLINE`. */
    readonly code: string;
    /** The HTTP status to answer with. */
    readonly status: number;
    /** Extra data for the caller, e.g. per-field problems. */
    readonly details?: TJSON;
}

/** Builds an {@link ApiError}. */
export interface ApiErrorConstructor {
    /** @param status default 400. */
    new (code: string, message: string, status?: number, details?: TJSON): ApiError;
}
