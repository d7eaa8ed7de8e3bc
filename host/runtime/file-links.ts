/**
 * Signed links to stored files, for peers that cannot sign in (a service outside fetching
 * an attachment a user uploaded): `<baseUrl>/api/files/<id>?expires=<ms>&signature=<hmac>` serves
 * the file without a cookie until `expires`. The HMAC key is random per host and kept in
 * the data folder, so links survive a restart and nobody without the folder can forge one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HostError } from '../errors';

/** How long a link stays valid when the caller does not say. */
export const DEFAULT_FILE_LINK_TTL_SECONDS = 7 * 24 * 3600;
const MAX_TTL_SECONDS = 366 * 24 * 3600;

const idPattern = /^[0-9a-f-]{36}$/;

export class FileLinks {
    private key: Buffer | undefined;

    /**
     * @param filesDir where files are stored (`<id>` and `<id>.json`).
     * @param keyFile the HMAC key's file, created on first use.
     */
    constructor(readonly filesDir: string, private readonly keyFile: string, private readonly baseUrl: () => string) {}

    /** Whether `id` names a stored file. */
    exists(id: string): boolean {
        return idPattern.test(id) && fs.existsSync(path.join(this.filesDir, `${id}.json`));
    }

    /**
     * An absolute link to the file, valid for `ttlSeconds`.
     * @throws HostError NOT_FOUND for an unknown file; VALIDATION_FAILED for a ttl out of range.
     */
    sign(id: string, ttlSeconds = DEFAULT_FILE_LINK_TTL_SECONDS, now = Date.now()): string {
        if (!this.exists(id)) throw new HostError('NOT_FOUND', 'No such file');
        if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
            throw new HostError('VALIDATION_FAILED', `ttlSeconds must be a whole number from 1 to ${MAX_TTL_SECONDS}`);
        }
        const expires = String(now + ttlSeconds * 1000);
        const query = new URLSearchParams({ expires, signature: this.signature(id, expires) });
        return `${this.baseUrl().replace(/\/+$/, '')}/api/files/${id}?${query}`;
    }

    /** Whether a link's `expires` and `signature` were made by this host for `id` and have not expired. */
    verify(id: string, expires: string, signature: string, now = Date.now()): boolean {
        if (!/^\d{1,15}$/.test(expires) || Number(expires) < now) return false;
        const expected = Buffer.from(this.signature(id, expires));
        const given = Buffer.from(signature);
        return given.length === expected.length && timingSafeEqual(given, expected);
    }

    private signature(id: string, expires: string): string {
        return createHmac('sha256', this.secret()).update(`${id}:${expires}`).digest('base64url');
    }

    private secret(): Buffer {
        if (this.key) return this.key;
        try {
            fs.writeFileSync(this.keyFile, randomBytes(32), { flag: 'wx', mode: 0o600 });
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        this.key = fs.readFileSync(this.keyFile);
        return this.key;
    }
}
