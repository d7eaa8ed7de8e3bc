/**
 * Calls to the host's HTTP API. Every failure becomes an `ApiFailure` carrying the
 * catalogue code and, for validation errors, the problem of each field.
 */
export class ApiFailure extends Error {
    constructor(readonly status: number, readonly code: string, message: string, readonly fields: Record<string, string> = {}) {
        super(message);
    }
}

async function failure(response: Response): Promise<ApiFailure> {
    const body = await response.json().catch(() => undefined) as { error?: { code?: string; message?: string; details?: { fields?: Record<string, string> } } } | undefined;
    const error = body?.error;
    return new ApiFailure(response.status, error?.code ?? 'HTTP_' + response.status, error?.message ?? response.statusText, error?.details?.fields ?? {});
}

/** Sends a JSON request (or raw bytes) and answers the parsed JSON body, or undefined for 204. */
export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
    const raw = body instanceof Blob || body instanceof ArrayBuffer;
    const response = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'content-type': raw ? 'application/octet-stream' : 'application/json' },
        body: body === undefined ? undefined : raw ? (body as BodyInit) : JSON.stringify(body),
    });
    if (!response.ok) throw await failure(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
}

/** A query string from the defined values, e.g. `?q=x&size=20`. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
    const text = search.toString();
    return text ? `?${text}` : '';
}
