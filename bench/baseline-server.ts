/**
 * The bare baseline the product's inbound path is compared with: a fastify server with one
 * POST route that stores each body's text with one prepared better-sqlite3 insert into a
 * WAL table and answers 200 — what any webhook must at least do.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

export interface BaselineServer {
    url: string;
    close(): Promise<void>;
}

export async function startBaselineServer(dir: string): Promise<BaselineServer> {
    const db = new Database(path.join(dir, 'baseline.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.exec('CREATE TABLE messages (id INTEGER PRIMARY KEY, external_id TEXT, user TEXT, text TEXT, created INTEGER)');
    const insert = db.prepare('INSERT INTO messages (external_id, user, text, created) VALUES (?, ?, ?, ?)');
    const server = Fastify({ logger: false });
    server.post('/webhook', async (request) => {
        const data = (request.body as { data: { externalMessageId: string; externalUserId: string; text: string } }).data;
        insert.run(data.externalMessageId, data.externalUserId, data.text, Date.now());
        return { ok: true };
    });
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    return {
        url: `${address}/webhook`,
        async close() {
            await server.close();
            db.close();
        },
    };
}
