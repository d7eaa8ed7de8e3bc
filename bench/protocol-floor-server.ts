/**
 * The protocol floor: the least work any server must do per inbound message to keep the
 * arbitrary messenger's contract (SPEC §4) with the product's guarantees, written by hand
 * with no platform in between — fastify, prepared better-sqlite3 statements, and the host's
 * fetch thread for the calls to the messenger.
 *
 * Per message, as the contract requires: the channel is read and its token checked; a
 * repeated external id is found by an index and stored once; the client and its open
 * session are found by index (or created, after asking the messenger about a new user with
 * `userInfo`); the message takes the next place in its thread; the session's last activity
 * is updated; all of it commits before the 200. After the commit the messenger is told the
 * outcome (`messageOutcome`, one request per message, over a kept-alive connection) and the
 * message is marked told.
 *
 * What it leaves out is everything the product adds on top of the contract (routing, SLA
 * clocks, the blocklist, realtime pushes, events, roles, the extension's scripts), so the
 * product cannot be faster than this on the same machine. The bench measures it with the
 * same load client as the baseline and the product: it shows how much of the gap to the bare
 * one-insert baseline is the protocol itself and how much is the product.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { FetchThread } from '../host/runtime/fetch-thread';

export interface FloorServer {
    url: string;
    close(): Promise<void>;
}

const SCHEMA = `
CREATE TABLE channels (id TEXT PRIMARY KEY, token TEXT NOT NULL, url TEXT NOT NULL);
CREATE TABLE clients (id TEXT PRIMARY KEY, channel TEXT NOT NULL, external_user_id TEXT NOT NULL, name TEXT, profile TEXT);
CREATE UNIQUE INDEX clients_by_user ON clients (channel, external_user_id);
CREATE TABLE sessions (id TEXT PRIMARY KEY, client TEXT NOT NULL, open INTEGER NOT NULL, last_seq INTEGER NOT NULL,
    last_activity_at INTEGER, preview TEXT, unread INTEGER NOT NULL);
CREATE INDEX sessions_open_by_client ON sessions (client) WHERE open = 1;
CREATE TABLE messages (id TEXT PRIMARY KEY, session TEXT NOT NULL, seq INTEGER NOT NULL, channel TEXT NOT NULL,
    external_id TEXT, text TEXT NOT NULL, created INTEGER NOT NULL, outcome_due INTEGER NOT NULL);
CREATE UNIQUE INDEX messages_in_thread ON messages (session, seq);
CREATE UNIQUE INDEX messages_by_external_id ON messages (channel, external_id);
`;

interface Body {
    type?: string;
    token?: string;
    data?: { externalMessageId?: string; externalUserId?: string; externalChatName?: string; text?: string };
}

export async function startFloorServer(dir: string, channel: { id: string; token: string; messengerUrl: string }): Promise<FloorServer> {
    const db = new Database(path.join(dir, 'floor.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    db.prepare('INSERT INTO channels (id, token, url) VALUES (?, ?, ?)').run(channel.id, channel.token, channel.messengerUrl);
    const sql = {
        channel: db.prepare('SELECT token, url FROM channels WHERE id = ?'),
        duplicate: db.prepare('SELECT id FROM messages WHERE channel = ? AND external_id = ?'),
        client: db.prepare('SELECT id FROM clients WHERE channel = ? AND external_user_id = ?'),
        newClient: db.prepare('INSERT INTO clients (id, channel, external_user_id, name, profile) VALUES (?, ?, ?, ?, ?)'),
        session: db.prepare('SELECT id, last_seq, unread FROM sessions WHERE client = ? AND open = 1'),
        newSession: db.prepare('INSERT INTO sessions (id, client, open, last_seq, unread) VALUES (?, ?, 1, 0, 0)'),
        message: db.prepare('INSERT INTO messages (id, session, seq, channel, external_id, text, created, outcome_due) VALUES (?, ?, ?, ?, ?, ?, ?, 1)'),
        touch: db.prepare('UPDATE sessions SET last_seq = ?, last_activity_at = ?, preview = ?, unread = ? WHERE id = ?'),
        told: db.prepare('UPDATE messages SET outcome_due = 0 WHERE id = ?'),
    };
    // The messenger is called from a worker thread, as the host does: the HTTP of a call per
    // message is on another core, not on the thread that serves the webhook.
    const thread = new FetchThread(1024 * 1024);
    /** Outcome calls still out: closing waits for them, so none writes to a closed database. */
    const telling = new Set<Promise<void>>();

    /** One JSON POST to the messenger; resolves with its status (0 when it cannot be reached). */
    const call = async (url: string, body: object) => {
        const answer = await thread.send(url, 'POST', { 'content-type': 'application/json' }, JSON.stringify(body), Date.now() + 10_000, 10_000);
        return 'status' in answer ? answer.status : 0;
    };

    const store = db.transaction((channelId: string, userId: string, externalId: string, text: string, profile: string | null) => {
        if (sql.duplicate.get(channelId, externalId)) return undefined;
        let client = (sql.client.get(channelId, userId) as { id: string } | undefined)?.id;
        if (!client) {
            client = randomUUID();
            sql.newClient.run(client, channelId, userId, userId, profile);
        }
        let session = sql.session.get(client) as { id: string; last_seq: number; unread: number } | undefined;
        if (!session) {
            session = { id: randomUUID(), last_seq: 0, unread: 0 };
            sql.newSession.run(session.id, client);
        }
        const id = randomUUID();
        const now = Date.now();
        sql.message.run(id, session.id, session.last_seq + 1, channelId, externalId, text, now);
        sql.touch.run(session.last_seq + 1, now, text.slice(0, 80), session.unread + 1, session.id);
        return id;
    });

    const server = Fastify({ logger: false });
    server.post<{ Params: { channelId: string }; Body: Body }>('/webhook/:channelId', async (request, reply) => {
        const channelId = request.params.channelId;
        const row = sql.channel.get(channelId) as { token: string; url: string } | undefined;
        if (!row) return reply.status(404).send({ error: 'no such channel' });
        const body = request.body;
        if (body.token !== row.token) return reply.status(401).send({ error: 'token mismatch' });
        const data = body.data;
        if (body.type !== 'message' || !data?.externalMessageId || !data.externalUserId || typeof data.text !== 'string') {
            return reply.status(400).send({ error: 'malformed' });
        }
        const url = row.url;
        // A new user is asked about before the write, so no lock is held over the network.
        let profile: string | null = null;
        if (!sql.client.get(channelId, data.externalUserId)) {
            await call(url, { type: 'userInfo', token: row.token, channelId, data: { userId: data.externalUserId } });
            profile = '{}';
        }
        const id = store(channelId, data.externalUserId, data.externalMessageId, data.text, profile);
        if (id) {
            // Told after the commit, and marked told once the messenger has taken it.
            const told = call(url, { type: 'messageOutcome', token: row.token, channelId, data: { success: true, messageId: data.externalMessageId } }).then((status) => {
                if (status === 200) sql.told.run(id);
            });
            telling.add(told);
            void told.finally(() => telling.delete(told));
        }
        return { ok: true };
    });
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    return {
        url: `${address}/webhook/${channel.id}`,
        async close() {
            await server.close();
            await Promise.all(telling);
            db.close();
        },
    };
}
