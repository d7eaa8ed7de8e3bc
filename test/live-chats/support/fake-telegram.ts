/**
 * A fake Telegram Bot API on 127.0.0.1, written from the public Bot API documentation:
 * `POST /bot<token>/<method>` with JSON or multipart parameters answering
 * `{ ok, result }` or `{ ok: false, error_code, description, parameters? }`, and
 * `GET /file/bot<token>/<file_path>` for downloads. It keeps the webhook (`setWebhook`
 * with `secret_token`, `deleteWebhook`), a queue of updates for `getUpdates` (an `offset`
 * confirms every earlier update; 409 while a webhook is set), stored files for `getFile`,
 * and records every call. Tests can queue failures per method (429 with `retry_after`,
 * 5xx) and take the whole server down (connections refused at the socket).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Update } from '@grammyjs/types';

export interface BotCall {
    method: string;
    params: Record<string, unknown>;
    /** Uploaded files by field name. */
    files: Record<string, { name: string; type: string; bytes: Buffer }>;
}

export interface FakeTelegram {
    url: string;
    token: string;
    calls: BotCall[];
    webhook: { url: string; secret: string } | null;
    /** While true every connection is dropped without an answer. */
    down: boolean;
    /** Queues answers (HTTP status and body) for the next calls of `method`. */
    failNext(method: string, status: number, body: object): void;
    /** Adds an update for getUpdates; its update_id is the next number. */
    /** Queues an update (its id is assigned here), e.g. `{ message }`. */
    pushUpdate(update: Record<string, unknown>): Update;
    /** Stores a file that getFile and the download route serve. */
    addFile(fileId: string, bytes: Buffer): void;
    ofMethod(method: string): BotCall[];
    waitFor(match: (c: BotCall) => boolean, timeoutMs?: number): Promise<BotCall>;
    close(): Promise<void>;
}

export async function startFakeTelegram(token = '123456:TEST-token'): Promise<FakeTelegram> {
    let nextUpdate = 1;
    let nextMessage = 1000;
    const updates: Update[] = [];
    const files = new Map<string, Buffer>();
    const failures = new Map<string, { status: number; body: object }[]>();
    const sockets = new Set<Socket>();
    const self = { token, calls: [] as BotCall[], webhook: null, down: false } as unknown as FakeTelegram;

    const ok = (result: unknown) => ({ status: 200, body: { ok: true, result } });
    const refuse = (status: number, description: string) => ({ status, body: { ok: false, error_code: status, description } });

    async function answer(method: string, params: Record<string, unknown>): Promise<{ status: number; body: object }> {
        const queued = failures.get(method)?.shift();
        if (queued) return queued;
        const chat = (id: unknown) => ({ id: Number(id), type: 'private', first_name: 'Client' });
        switch (method) {
            case 'getMe':
                return ok({ id: 123456, is_bot: true, first_name: 'Desk bot', username: 'desk_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
            case 'setWebhook':
                if (typeof params.url !== 'string' || !/^https?:\/\//.test(params.url)) return refuse(400, 'Bad Request: bad webhook: an HTTPS URL must be provided for webhook');
                self.webhook = { url: params.url, secret: String(params.secret_token ?? '') };
                return ok(true);
            case 'deleteWebhook':
                self.webhook = null;
                if (params.drop_pending_updates === true) updates.splice(0);
                return ok(true);
            case 'getUpdates': {
                if (self.webhook) return refuse(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                const offset = Number(params.offset ?? 0);
                if (offset > 0) while (updates.length && updates[0].update_id < offset) updates.shift();
                const wait = Math.min(Number(params.timeout ?? 0), 1) * 1000;
                const until = Date.now() + wait;
                while (updates.length === 0 && Date.now() < until && !self.down) await new Promise((r) => setTimeout(r, 20));
                return ok(updates.slice(0, Number(params.limit ?? 100)));
            }
            case 'getFile': {
                const id = String(params.file_id);
                if (!files.has(id)) return refuse(400, 'Bad Request: invalid file_id');
                return ok({ file_id: id, file_unique_id: `u-${id}`, file_size: files.get(id)!.length, file_path: `photos/${id}.jpg` });
            }
            case 'sendMessage':
            case 'sendPhoto':
            case 'sendDocument':
                if (!params.chat_id) return refuse(400, 'Bad Request: chat not found');
                return ok({ message_id: nextMessage++, date: Math.floor(Date.now() / 1000), chat: chat(params.chat_id), text: params.text });
            case 'editMessageText':
                return ok({ message_id: Number(params.message_id), date: Math.floor(Date.now() / 1000), chat: chat(params.chat_id), text: params.text });
            default:
                return refuse(404, 'Not Found: method not found');
        }
    }

    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', async () => {
            if (self.down) return void req.socket.destroy();
            const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
            const download = /^\/file\/bot([^/]+)\/photos\/(.+)\.jpg$/.exec(path);
            if (download) {
                const bytes = download[1] === token ? files.get(download[2]) : undefined;
                return void (bytes ? res.writeHead(200, { 'content-type': 'image/jpeg' }).end(bytes) : res.writeHead(404).end());
            }
            const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
            if (!call) return void res.writeHead(404).end();
            if (call[1] !== token) return void res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }));
            const record: BotCall = { method: call[2], params: {}, files: {} };
            const type = req.headers['content-type'] ?? '';
            const body = Buffer.concat(chunks);
            if (type.startsWith('multipart/form-data')) {
                const form = await new Response(body, { headers: { 'content-type': type } }).formData();
                for (const [name, value] of form.entries()) {
                    if (typeof value === 'string') record.params[name] = value;
                    else record.files[name] = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) };
                }
            } else if (body.length) {
                record.params = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
            }
            self.calls.push(record);
            const { status, body: out } = await answer(record.method, { ...record.params, ...Object.fromEntries(Object.keys(record.files).map((k) => [k, 'upload'])) });
            if (!res.destroyed) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out));
        });
    });
    server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        if (self.down) s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    self.failNext = (method, status, body) => failures.set(method, [...(failures.get(method) ?? []), { status, body }]);
    self.pushUpdate = (update) => {
        const full = { update_id: nextUpdate++, ...update } as unknown as Update;
        updates.push(full);
        return full;
    };
    self.addFile = (id, bytes) => void files.set(id, bytes);
    self.ofMethod = (method) => self.calls.filter((c) => c.method === method);
    self.waitFor = async (match, timeoutMs = 8_000) => {
        const until = Date.now() + timeoutMs;
        for (;;) {
            const found = self.calls.find(match);
            if (found) return found;
            if (Date.now() > until) throw new Error(`The Bot API was not called as expected; got ${JSON.stringify(self.calls.map((c) => c.method))}`);
            await new Promise((r) => setTimeout(r, 20));
        }
    };
    self.close = async () => {
        for (const s of sockets) s.destroy();
        await new Promise((r) => server.close(r));
    };
    return self;
}
