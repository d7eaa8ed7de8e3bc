/**
 * The realtime bus over PostgreSQL LISTEN/NOTIFY. One dedicated connection per instance
 * listens and sends, so what an instance sends arrives everywhere in its order. A
 * notification carries at most 8000 bytes: a longer message is kept in `bus_messages` and
 * the notification carries its row id; rows older than a minute are removed.
 */
import pg from 'pg';
import type { Logger } from './logger';
import type { BusMessage, RealtimeBus } from './realtime-bus';

const CHANNEL = 'brix_realtime';
/** Longest message sent inline (bytes), leaving room under PostgreSQL's 8000-byte limit. */
const INLINE_LIMIT = 7000;
const KEEP_BODIES_MS = 60_000;
const RECONNECT_MS = 1000;

export class PgBus implements RealtimeBus {
    readonly shared = true;
    private client: pg.Client | undefined;
    private readonly handlers: ((message: BusMessage) => void)[] = [];
    /** Sending and receiving each go one at a time, so order holds. */
    private sending: Promise<unknown> = Promise.resolve();
    private receiving: Promise<unknown> = Promise.resolve();
    private closed = false;
    private connecting: Promise<void> | undefined;
    private lastCleanup = 0;

    private constructor(private readonly url: string, private readonly logger: Logger) {}

    static async open(url: string, logger: Logger): Promise<PgBus> {
        const bus = new PgBus(url, logger);
        await bus.connect();
        return bus;
    }

    private connect(): Promise<void> {
        this.connecting ??= (async () => {
            const client = new pg.Client({ connectionString: this.url });
            client.on('error', (err) => this.logger.warn({ err }, 'realtime bus connection failed'));
            client.on('end', () => {
                if (this.client === client) this.client = undefined;
                if (!this.closed) setTimeout(() => void this.connect().catch(() => undefined), RECONNECT_MS).unref();
            });
            client.on('notification', (n) => {
                if (n.channel === CHANNEL && n.payload) this.receive(n.payload);
            });
            await client.connect();
            await client.query(`LISTEN ${CHANNEL}`);
            this.client = client;
        })().finally(() => (this.connecting = undefined));
        return this.connecting;
    }

    private async ready(): Promise<pg.Client> {
        if (!this.client) await this.connect();
        return this.client!;
    }

    publish(message: BusMessage): void {
        const text = JSON.stringify(message);
        this.sending = this.sending.then(async () => {
            if (this.closed) return;
            const client = await this.ready();
            if (Buffer.byteLength(text) <= INLINE_LIMIT) {
                await client.query('SELECT pg_notify($1, $2)', [CHANNEL, text]);
                return;
            }
            const now = Date.now();
            const { rows } = await client.query('INSERT INTO bus_messages (body, created_at) VALUES ($1, $2) RETURNING id', [text, now]);
            await client.query('SELECT pg_notify($1, $2)', [CHANNEL, `#${rows[0].id}`]);
            if (now - this.lastCleanup > KEEP_BODIES_MS / 6) {
                this.lastCleanup = now;
                await client.query('DELETE FROM bus_messages WHERE created_at < $1', [now - KEEP_BODIES_MS]);
            }
        }).catch((err: unknown) => this.logger.error({ err }, 'realtime message could not be sent'));
    }

    private receive(payload: string): void {
        this.receiving = this.receiving.then(async () => {
            let text = payload;
            if (payload.startsWith('#')) {
                const client = await this.ready();
                const { rows } = await client.query('SELECT body FROM bus_messages WHERE id = $1', [Number(payload.slice(1))]);
                if (!rows.length) return;
                text = rows[0].body as string;
            }
            const message = JSON.parse(text) as BusMessage;
            for (const handler of this.handlers) handler(message);
        }).catch((err: unknown) => this.logger.error({ err }, 'realtime message could not be received'));
    }

    subscribe(handler: (message: BusMessage) => void): void {
        this.handlers.push(handler);
    }

    async close(): Promise<void> {
        await this.sending;
        this.closed = true;
        await this.client?.end().catch(() => undefined);
        this.client = undefined;
    }
}
