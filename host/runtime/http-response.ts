/**
 * `HttpResponse` and `ApiError`, the globals API methods answer with.
 */
export class HttpResponse {
    statusCode = 200;
    headers: Record<string, string> = {};
    body: string | undefined;

    status(code: number): this {
        if (!Number.isInteger(code) || code < 100 || code > 599) throw new RangeError(`Not an HTTP status: ${code}`);
        this.statusCode = code;
        return this;
    }

    set(name: string, value: string): this {
        this.headers[name.toLowerCase()] = value;
        return this;
    }

    json(body: unknown): this {
        this.headers['content-type'] = 'application/json; charset=utf-8';
        this.body = JSON.stringify(body);
        return this;
    }

    content(body: string, contentType = 'text/plain; charset=utf-8'): this {
        this.headers['content-type'] = contentType;
        this.body = body;
        return this;
    }
}

export class ApiError extends Error {
    constructor(readonly code: string, message: string, readonly status = 400, readonly details?: unknown) {
        super(message);
        this.name = 'ApiError';
    }
}
