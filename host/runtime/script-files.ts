/**
 * Files that scripts store and read (`System.files.create` / `read`): what a peer sent
 * that must outlive the peer's own link (a chat service's photo behind its API token, an
 * e-mail attachment), and a stored file's bytes to pass on. Same folder and layout as the
 * web shell's uploads (`<id>` and `<id>.json`), so `/api/files/<id>` and signed links serve
 * them alike.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HostError } from '../errors';
import type { FileLinks } from './file-links';

/** The largest file a script may store: as large as an answer `fetch` accepts. */
export const MAX_SCRIPT_FILE_BYTES = 20 * 1024 * 1024;

export interface StoredFileInfo {
    id: string;
    name: string;
    size: number;
    contentType: string;
}

export interface StoredFileContent extends StoredFileInfo {
    content: Uint8Array;
}

/** A name safe to store and to send back in a download header. */
function cleanName(name: string): string {
    const base = path.basename(String(name ?? '').replace(/[\u0000-\u001f\\/]/g, ' ')).trim();
    return [...(base || 'file')].slice(0, 255).join('');
}

export class ScriptFiles {
    constructor(private readonly links: FileLinks) {}

    /**
     * Stores `content` as a new file.
     * @throws HostError VALIDATION_FAILED when larger than MAX_SCRIPT_FILE_BYTES.
     */
    create(name: string, content: Uint8Array | string, contentType?: string): StoredFileInfo {
        const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
        if (bytes.length > MAX_SCRIPT_FILE_BYTES) throw new HostError('VALIDATION_FAILED', `A file has at most ${MAX_SCRIPT_FILE_BYTES} bytes`);
        const file: StoredFileInfo = { id: randomUUID(), name: cleanName(name), size: bytes.length, contentType: contentType || 'application/octet-stream' };
        fs.mkdirSync(this.links.filesDir, { recursive: true });
        fs.writeFileSync(path.join(this.links.filesDir, file.id), bytes);
        fs.writeFileSync(path.join(this.links.filesDir, `${file.id}.json`), JSON.stringify(file));
        return file;
    }

    /** @throws HostError NOT_FOUND for an unknown file. */
    read(id: string): StoredFileContent {
        if (!this.links.exists(id)) throw new HostError('NOT_FOUND', 'No such file');
        const info = JSON.parse(fs.readFileSync(path.join(this.links.filesDir, `${id}.json`), 'utf8')) as StoredFileInfo;
        return { ...info, content: new Uint8Array(fs.readFileSync(path.join(this.links.filesDir, id))) };
    }
}
