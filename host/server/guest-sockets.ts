/**
 * WebSockets for guests without an account — visitors of another site chatting through an
 * embedded widget — at `/api/sockets/<namespace>/<code>` (manifest `sockets`). Any site may
 * open one (browsers do not apply CORS to WebSockets): the extension's script is what lets
 * a guest in or not, and the host keeps the bounds that protect it.
 *
 * The script gets `Context.data.socket`:
 * - `{ event: 'open', query, origin, address }` when a guest connects. It answers
 *   `{ topics, state?, hello?, guest? }` (the topics the guest follows, a state handed back
 *   with each frame, a first message for the guest, who the guest is for rate limits across
 *   their sockets), or throws an ApiError: the socket closes with 4403 (or 4400 for a 400)
 *   and the error's message.
 * - `{ event: 'frame', state, body, uploads }` for each frame `{ id?, body }` the guest sends,
 *   one at a time in order, with the files this socket uploaded. Its result goes back as
 *   `{ type: 'reply', id, result }`; an ApiError as `{ type: 'error', id, code, message }`.
 * Where the socket allows files (`maxFileBytes`), the hello carries an `upload` token: the guest
 * POSTs a file to `/api/sockets/<namespace>/<code>/files?name=&type=` with the header
 * `x-guest-upload: <token>` (from any site: the token is the permission), and names the
 * returned id in a frame.
 * Scripts push to guests with `System.realtime.publishToGuests(topic, ...)`.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HostError } from '../errors';
import type { Extensions } from '../runtime/extensions';
import { ApiError } from '../runtime/http-response';
import type { Logger } from '../runtime/logger';
import type { Connection, RealtimeHub } from '../runtime/realtime-hub';
import type { ScriptRunner } from '../runtime/script-runner';
import type { Store } from '../store/store';
import { saveUpload, type StoredFile } from '../web/files';

/** Open guest sockets one address may hold (a visitor's tabs, an office behind one address). */
const MAX_SOCKETS_PER_ADDRESS = Number(process.env.GUEST_SOCKETS_PER_ADDRESS ?? 50);
/** Topics one guest may follow. */
const MAX_TOPICS = 20;
/** What all uploads of one guest may take, and the uploads a socket remembers for its frames. */
const GUEST_QUOTA_BYTES = Number(process.env.GUEST_UPLOAD_QUOTA_MB ?? 50) * 1_048_576;
const REMEMBERED_UPLOADS = 20;

/** A socket that may upload: who it is and what it uploaded, by its token. */
interface Uploader {
    ns: string;
    code: string;
    owner: string;
    maxFileBytes: number;
    uploads: StoredFile[];
    /** Counts an upload against the socket's frame limits; false when over. */
    take(): boolean;
}

interface Admission {
    topics: string[];
    state: unknown;
    hello: unknown;
    /** Who the guest is for rate limits, across their sockets (their tabs, their devices). */
    guest: string | null;
}

function admission(value: unknown): Admission {
    const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const topics = Array.isArray(v.topics) ? v.topics.filter((t): t is string => typeof t === 'string' && t.length > 0 && t.length <= 200) : [];
    if (topics.length > MAX_TOPICS) throw new HostError('SCRIPT_FAILED', `A guest may follow at most ${MAX_TOPICS} topics`);
    return { topics, state: v.state ?? null, hello: v.hello ?? null, guest: typeof v.guest === 'string' && v.guest ? v.guest.slice(0, 200) : null };
}

/** Frames allowed per rolling minute: a sliding window of the times of recent frames. */
class FrameBudget {
    private readonly times: number[] = [];
    constructor(private readonly perMinute: number) {}
    take(now = Date.now()): boolean {
        this.forget(now);
        if (this.times.length >= this.perMinute) return false;
        this.times.push(now);
        return true;
    }
    /** Drops frames older than a minute; true when none is left. */
    forget(now = Date.now()): boolean {
        while (this.times.length && now - this.times[0] > 60_000) this.times.shift();
        return this.times.length === 0;
    }
}

/**
 * Budgets shared by every socket of one guest, and of one address (a guest who opens many
 * tabs, or an address that opens many guests, gets no more). An address gets a few
 * guests' worth. Idle budgets are dropped as new ones come.
 */
const ADDRESS_SHARE = 5;
class SharedBudgets {
    private readonly budgets = new Map<string, FrameBudget>();
    take(key: string, perMinute: number): boolean {
        let budget = this.budgets.get(key);
        if (!budget) {
            if (this.budgets.size >= 10_000) for (const [k, b] of this.budgets) if (b.forget()) this.budgets.delete(k);
            this.budgets.set(key, (budget = new FrameBudget(perMinute)));
        }
        return budget.take();
    }
}

function queryOf(request: FastifyRequest): Record<string, string> {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.query as Record<string, string | string[]>)) query[k] = Array.isArray(v) ? v[v.length - 1] : v;
    return query;
}

export interface GuestSocketParts {
    extensions: Extensions;
    runner: ScriptRunner;
    hub: RealtimeHub;
    logger: Logger;
    store: Store;
    /** Where uploaded files are kept, and the host's total for uploads. */
    filesDir: string;
    totalUploadBytes: number;
}

export function registerGuestSockets(server: FastifyInstance, parts: GuestSocketParts): void {
    const { extensions, runner, hub, logger } = parts;
    const perAddress = new Map<string, number>();
    const shared = new SharedBudgets();
    const uploaders = new Map<string, Uploader>();

    server.route({
        method: ['POST', 'OPTIONS'],
        url: '/api/sockets/:ns/:code/files',
        bodyLimit: 100 * 1_048_576,
        config: { openToOtherSites: true },
        handler: async (request, reply) => {
            // Any site may send: the token, given only to a socket its script admitted, is the permission.
            reply.header('access-control-allow-origin', request.headers.origin ?? '*');
            reply.header('access-control-allow-headers', 'content-type, x-guest-upload');
            reply.header('access-control-allow-methods', 'POST');
            if (request.method === 'OPTIONS') return reply.code(204).send();
            const { ns, code } = request.params as { ns: string; code: string };
            const uploader = uploaders.get(String(request.headers['x-guest-upload'] ?? ''));
            if (!uploader || uploader.ns !== ns || uploader.code !== code) throw new HostError('FORBIDDEN', 'Open the socket first: its hello gives the upload token');
            if (!Buffer.isBuffer(request.body)) throw new HostError('BAD_REQUEST', 'Send the file as the body (application/octet-stream)');
            if (request.body.length > uploader.maxFileBytes) throw new HostError('PAYLOAD_TOO_LARGE', `A file is at most ${uploader.maxFileBytes} bytes`);
            if (!uploader.take()) throw new HostError('TOO_MANY_REQUESTS', 'Too many uploads; wait a minute');
            const { name, type } = request.query as { name?: string; type?: string };
            const file = await saveUpload(parts.filesDir, parts.store, uploader.owner, request.body, String(name ?? ''), String(type ?? ''), { perOwner: GUEST_QUOTA_BYTES, total: parts.totalUploadBytes });
            uploader.uploads = [...uploader.uploads, file].slice(-REMEMBERED_UPLOADS);
            reply.code(201);
            return { ...file, url: `/api/files/${file.id}` };
        },
    });

    server.get('/api/sockets/:ns/:code', {
        websocket: true,
        config: { openToOtherSites: true },
        preValidation: async (request) => {
            if (!request.ws) throw new HostError('BAD_REQUEST', 'Open this address as a WebSocket');
        },
    }, (socket, request) => {
        const { ns, code } = request.params as { ns: string; code: string };
        const extension = extensions.byNamespace(ns);
        const declared = extension?.manifest.sockets.find((s) => s.code === code);
        if (!extension || !declared) return socket.close(4404, `No socket ${ns}/${code}`);
        const address = request.ip;
        const open = perAddress.get(address) ?? 0;
        if (open >= MAX_SOCKETS_PER_ADDRESS) return socket.close(4429, 'Too many connections from this address');
        perAddress.set(address, open + 1);

        const budget = new FrameBudget(declared.framesPerMinute);
        const call = (data: Record<string, unknown>) => runner.run({ extension, script: declared.script, userId: null, data: { socket: data } });
        const answer = (message: object) => {
            if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
        };
        let disconnect: (() => void) | undefined;
        let closed = false;
        let state: unknown = null;
        let guest: string | null = null;
        let uploadToken: string | undefined;
        const within = () => budget.take()
            && (guest === null || shared.take(`${ns}/${code}/guest/${guest}`, declared.framesPerMinute))
            && shared.take(`${ns}/${code}/address/${address}`, declared.framesPerMinute * ADDRESS_SHARE);
        // Frames that arrive while the script decides on the guest wait for that decision; then one at a time, in order.
        let chain: Promise<unknown> = call({ event: 'open', query: queryOf(request), origin: request.headers.origin ?? null, address })
            .then((value) => {
                const admitted = admission(value);
                if (closed) return;
                state = admitted.state;
                guest = admitted.guest;
                const connection: Connection = {
                    send: (text) => socket.send(text),
                    close: (c, reason) => socket.close(c, reason),
                    bufferedAmount: () => socket.bufferedAmount,
                };
                disconnect = hub.connectGuest(connection, admitted.topics);
                if (declared.maxFileBytes > 0) {
                    uploadToken = randomBytes(24).toString('base64url');
                    uploaders.set(uploadToken, { ns, code, owner: `guest:${extension.id}/${code}/${guest ?? address}`, maxFileBytes: declared.maxFileBytes, uploads: [], take: within });
                }
                answer({ type: 'hello', payload: admitted.hello, ...(uploadToken ? { upload: uploadToken } : {}) });
            })
            .catch((error: unknown) => {
                const refused = error instanceof ApiError || error instanceof HostError;
                if (!refused) logger.error({ err: error, extension: extension.id, socket: code }, 'guest socket open failed');
                const status = error instanceof ApiError ? error.status : 500;
                socket.close(status === 400 ? 4400 : status >= 500 ? 4500 : 4403, refused ? (error as Error).message.slice(0, 120) : 'The connection was refused');
                closed = true;
            });

        socket.on('message', (raw: Buffer) => {
            if (raw.length > declared.maxFrameBytes) return socket.close(4413, `A frame is at most ${declared.maxFrameBytes} bytes`);
            const text = raw.toString();
            if (text === 'ping') return socket.send('pong');
            let frame: { id?: unknown; body?: unknown };
            try {
                frame = JSON.parse(text) as typeof frame;
            } catch {
                return answer({ type: 'error', id: null, code: 'BAD_REQUEST', message: 'A frame is JSON: { id, body }' });
            }
            const id = typeof frame?.id === 'string' || typeof frame?.id === 'number' ? frame.id : null;
            if (!within()) return answer({ type: 'error', id, code: 'TOO_MANY_REQUESTS', message: `At most ${declared.framesPerMinute} frames a minute` });
            chain = chain.then(async () => {
                if (closed || !disconnect) return;
                try {
                    const uploads = (uploadToken ? uploaders.get(uploadToken)?.uploads : undefined) ?? [];
                    answer({ type: 'reply', id, result: (await call({ event: 'frame', state, body: frame.body ?? null, uploads })) ?? null });
                } catch (error) {
                    const known = error instanceof ApiError || error instanceof HostError;
                    answer({ type: 'error', id, code: known ? (error as ApiError).code : 'SCRIPT_FAILED', message: known ? (error as Error).message : 'The frame could not be handled' });
                }
            });
        });
        socket.on('close', () => {
            closed = true;
            disconnect?.();
            if (uploadToken) uploaders.delete(uploadToken);
            const left = (perAddress.get(address) ?? 1) - 1;
            if (left > 0) perAddress.set(address, left);
            else perAddress.delete(address);
        });
    });
}
