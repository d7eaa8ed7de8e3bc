/**
 * `multipart/form-data` bodies for the scripts' fetch (RFC 7578): what an HTTP API that
 * takes file uploads expects, e.g. a chat service receiving a photo. Fields and files are
 * written in the order given, each file with its name and content type.
 */
import { randomBytes } from 'node:crypto';

/** One field of a form: a text value, or a file. */
export interface MultipartPart {
    name: string;
    value?: string;
    file?: { name: string; content: Uint8Array; contentType?: string };
}

export interface MultipartBody {
    multipart: readonly MultipartPart[];
}

export function isMultipart(body: unknown): body is MultipartBody {
    return typeof body === 'object' && body !== null && Array.isArray((body as MultipartBody).multipart);
}

/** Quotes a name for a Content-Disposition parameter; line breaks cannot be sent there. */
function quoted(name: string): string {
    return `"${name.replace(/[\r\n]/g, ' ').replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * The encoded body and its content type.
 * @throws TypeError for a part with neither value nor file, or with both.
 */
export function encodeMultipart(body: MultipartBody): { bytes: Buffer; type: string } {
    const boundary = `----brix-${randomBytes(12).toString('hex')}`;
    const chunks: Buffer[] = [];
    for (const part of body.multipart) {
        if (typeof part?.name !== 'string' || (part.value === undefined) === (part.file === undefined)) {
            throw new TypeError('fetch: each multipart part needs a name and either a value or a file');
        }
        let head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}`;
        if (part.file) {
            // UTF-8 inside the quotes, as browsers send it: RFC 7578 §4.2 rules out `filename*`.
            head += `; filename=${quoted(part.file.name)}\r\nContent-Type: ${part.file.contentType || 'application/octet-stream'}`;
        }
        chunks.push(Buffer.from(`${head}\r\n\r\n`));
        chunks.push(part.file ? Buffer.from(part.file.content) : Buffer.from(String(part.value)));
        chunks.push(Buffer.from('\r\n'));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { bytes: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}
