/**
 * WAL checkpoints off the event loop. SQLite copies the write-ahead log back into the
 * database file (a checkpoint) in the connection that commits past 1,000 pages, and that
 * copy with its fsync took half the time of a busy store's commits, all on the one thread
 * that serves requests. Here a worker thread with a second connection to the same file
 * checkpoints on a timer instead. A PASSIVE checkpoint never waits for the writer, so it
 * cannot stall a commit; once it has copied the whole log, the next commit starts the log
 * from the beginning again. The store's connection keeps a far higher threshold of its own
 * (sqlite-store.ts), so the log stays bounded even if the worker never catches up.
 */
import { Worker } from 'node:worker_threads';

/** How often the worker checkpoints: the log grows by at most this much of writes. */
const EVERY_MS = 500;

// The worker is a few lines of plain JavaScript: no build step of its own, the same
// better-sqlite3 as the store (it is safe to load in worker threads).
const source = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const step = (mode) => { try { db.pragma('wal_checkpoint(' + mode + ')'); } catch { /* busy: next round */ } };
const timer = setInterval(() => step('PASSIVE'), workerData.everyMs);
parentPort.on('message', () => {
    clearInterval(timer);
    step('TRUNCATE');
    db.close();
    parentPort.postMessage('closed');
});
`;

export class Checkpointer {
    private readonly worker: Worker;

    constructor(file: string) {
        this.worker = new Worker(source, { eval: true, workerData: { file, driver: require.resolve('better-sqlite3'), everyMs: EVERY_MS } });
        // A store left open (a test that forgot to close it) must not keep the process alive.
        this.worker.unref();
    }

    /** A last full checkpoint after the store's connection closed, then the worker ends. */
    async close(): Promise<void> {
        const closed = new Promise<void>((resolve) => {
            this.worker.once('message', () => resolve());
            this.worker.once('exit', () => resolve());
            this.worker.once('error', () => resolve());
        });
        this.worker.postMessage('close');
        await closed;
        await this.worker.terminate();
    }
}
