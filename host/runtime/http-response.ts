/**
 * `HttpResponse` and `ApiError`, the globals API methods answer with.
 */
export class HttpResponse {
    statusCode = 200;
    headers: Record<string, string> = {};
    body: string | undefined;
    /** A body produced piece by piece (`stream()`), read as the answer is sent. */
    streamBody: AsyncIterable<string | Uint8Array> | undefined;

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
        this.streamBody = undefined;
        return this;
    }

    content(body: string, contentType = 'text/plain; charset=utf-8'): this {
        this.headers['content-type'] = contentType;
        this.body = body;
        this.streamBody = undefined;
        return this;
    }

    stream(body: AsyncIterable<string | Uint8Array>, contentType = 'application/octet-stream'): this {
        if (typeof (body as { [Symbol.asyncIterator]?: unknown })?.[Symbol.asyncIterator] !== 'function') throw new TypeError('stream() takes an async iterable');
        this.headers['content-type'] = contentType;
        this.body = undefined;
        this.streamBody = body;
        return this;
    }

    download(fileName: string): this {
        // Quotes, slashes and control characters would break the header or name a path.
        const safe = String(fileName).replace(/[\x00-\x1f\x7f"\\/:*?<>|]/g, '_').slice(0, 200) || 'download';
        const ascii = safe.replace(/[^\x20-\x7e]/g, '_');
        this.headers['content-disposition'] = `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
        return this;
    }
}

export class ApiError extends Error {
    constructor(readonly code: string, message: string, readonly status = 400, readonly details?: unknown) {
        super(message);
        this.name = 'ApiError';
    }
}
