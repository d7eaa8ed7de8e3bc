/**
 * The host's one catalogue of errors. Every error answer is
 * `{ "error": { "code", "message", "details"? } }` with the status listed here.
 */
export const errorCatalogue = {
    BAD_REQUEST: 400,
    VALIDATION_FAILED: 400,
    INVALID_MANIFEST: 400,
    INVALID_PACKAGE: 400,
    SEARCH_TOO_LONG: 400,
    TOO_MANY_GROUPS: 400,
    UNAUTHORIZED: 401,
    INVALID_CREDENTIALS: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    METHOD_NOT_ALLOWED: 405,
    NOT_ACCEPTABLE: 406,
    REQUEST_TIMEOUT: 408,
    CONFLICT: 409,
    INCOMPATIBLE_CHANGE: 409,
    INCOMPATIBLE_HOST: 409,
    PAYLOAD_TOO_LARGE: 413,
    QUOTA_EXCEEDED: 413,
    URI_TOO_LONG: 414,
    UNSUPPORTED_MEDIA_TYPE: 415,
    TOO_MANY_ATTEMPTS: 429,
    HEADERS_TOO_LARGE: 431,
    SCRIPT_FAILED: 500,
    INSTALL_SCRIPT_FAILED: 500,
    INTERNAL: 500,
} as const;

export type HostErrorCode = keyof typeof errorCatalogue;

/** An error the host answers with its own code, status and details. */
export class HostError extends Error {
    readonly status: number;
    constructor(readonly code: HostErrorCode | string, message: string, readonly details?: unknown, status?: number) {
        super(message);
        this.name = 'HostError';
        this.status = status ?? (errorCatalogue as Record<string, number>)[code] ?? 500;
    }
}

/** The JSON body of an error answer. */
export function errorBody(code: string, message: string, details?: unknown): { error: { code: string; message: string; details?: unknown } } {
    return { error: details === undefined ? { code, message } : { code, message, details } };
}
