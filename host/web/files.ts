/**
 * Files of FILE fields: `POST /api/files?name=` stores the body and answers the value to put
 * in the field (`{ id, name, size, contentType }`); `GET /api/files/:id` sends it back.
 * Ids are random UUIDs; any signed-in user holding one may download the file, and so may
 * anyone holding a signed link (`?expires=&signature=`) until it expires.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { HostError } from '../errors';
import type { FileLinks } from '../runtime/file-links';
import { requireUser } from '../server/auth';
import type { Store } from '../store/store';
import { megabytes, type UploadLimits } from './upload-limits';

export interface StoredFile {
    id: string;
    name: string;
    size: number;
    contentType: string;
}

/**
 * Stores an uploaded file counted against its owner's quota and the host's.
 * @throws HostError VALIDATION_FAILED for a name over 255 characters, QUOTA_EXCEEDED when it does not fit.
 */
export async function saveUpload(filesDir: string, store: Store, owner: string, body: Buffer, rawName: string, rawType: string, quota: { perOwner: number; total: number }): Promise<StoredFile> {
    const name = rawName.trim() || 'file';
    if ([...name].length > 255) throw new HostError('VALIDATION_FAILED', 'A file name has at most 255 characters', { fields: { name: 'is longer than 255 characters' } });
    const counted = await store.system.fileUsage.reserve(owner, body.length, quota);
    if (!counted.ok) {
        throw new HostError('QUOTA_EXCEEDED', counted.ownerBytes + body.length > quota.perOwner
            ? `Your files take ${megabytes(counted.ownerBytes)} of your ${megabytes(quota.perOwner)}; this one does not fit`
            : 'The host has no room left for uploads; ask an administrator');
    }
    const file: StoredFile = { id: randomUUID(), name: path.basename(name), size: body.length, contentType: rawType || 'application/octet-stream' };
    fs.writeFileSync(path.join(filesDir, file.id), body);
    fs.writeFileSync(path.join(filesDir, `${file.id}.json`), JSON.stringify(file));
    return file;
}

export function registerFiles(server: FastifyInstance, links: FileLinks, store: Store, limits: UploadLimits): void {
    const filesDir = links.filesDir;
    fs.mkdirSync(filesDir, { recursive: true });
    const metaPath = (id: string) => path.join(filesDir, `${id}.json`);

    server.post('/api/files', { bodyLimit: limits.fileBytes }, async (request, reply) => {
        const user = requireUser(request);
        if (!Buffer.isBuffer(request.body)) throw new HostError('BAD_REQUEST', 'Send the file as the body (application/octet-stream)');
        const { name, type } = request.query as { name?: string; type?: string };
        const file = await saveUpload(filesDir, store, user.id, request.body, String(name ?? ''), String(type ?? ''), { perOwner: limits.perUserBytes, total: limits.totalBytes });
        reply.code(201);
        return file;
    });

    server.get('/api/files/:id', async (request, reply) => {
        const { id } = request.params as { id: string };
        const { expires, signature } = request.query as { expires?: string; signature?: string };
        if (signature === undefined) requireUser(request);
        else if (!links.verify(id, String(expires ?? ''), String(signature))) throw new HostError('FORBIDDEN', 'The link is not valid or has expired');
        if (!links.exists(id)) throw new HostError('NOT_FOUND', 'No such file');
        const file = JSON.parse(fs.readFileSync(metaPath(id), 'utf8')) as StoredFile;
        // Served as a download so an uploaded HTML file can never run in the shell's origin.
        reply.header('content-type', 'application/octet-stream');
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
        reply.header('x-content-type-options', 'nosniff');
        return reply.send(fs.readFileSync(path.join(filesDir, id)));
    });
}
