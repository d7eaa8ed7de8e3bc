/**
 * One SQLite connection, many concurrent writers. better-sqlite3 is synchronous, so a
 * transaction that awaits must hold everybody else back; and committing is the costly
 * part of a small write. So transactions queue, and those that arrived while one batch ran
 * are run together as the next batch: one BEGIN, each in its own SAVEPOINT (a failure
 * rolls back only its own writes), one COMMIT. Each caller is answered after the commit
 * that holds its writes, and its after-commit work (pushes) runs only then.
 */
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type Database from 'better-sqlite3';

type Db = Database.Database;

/** How many queued transactions one commit takes at most. */
const MAX_BATCH = 64;

interface Job {
    work: () => Promise<unknown>;
    /** Runs a function in the caller's own async context (its script call, its request). */
    enter: <T>(fn: () => T) => T;
    resolve(value: unknown): void;
    reject(error: unknown): void;
}

/** A promise and its resolve (Node 20 has no Promise.withResolvers). */
function signal(): { promise: Promise<void>; resolve: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
}

interface Finished {
    job: Job;
    result: unknown;
    committed: (() => void)[];
}

export class TransactionQueue {
    private readonly waiting: Job[] = [];
    private draining = false;
    /** Jobs queued and jobs answered so far: a reader waits until every job queued before it is answered. */
    private queued = 0;
    private answered = 0;
    /** Resolved, and replaced, each time a batch ends. */
    private batchEnd = signal();
    /** Inside a transaction: what to run once it commits. */
    private readonly inside = new AsyncLocalStorage<(() => void)[]>();

    /** Compiled once: a batch runs them for every job. */
    private readonly sql: Record<'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'undo', Database.Statement>;

    constructor(private readonly db: Db) {
        this.sql = {
            begin: db.prepare('BEGIN IMMEDIATE'),
            commit: db.prepare('COMMIT'),
            rollback: db.prepare('ROLLBACK'),
            savepoint: db.prepare('SAVEPOINT queued_job'),
            release: db.prepare('RELEASE queued_job'),
            undo: db.prepare('ROLLBACK TO queued_job'),
        };
    }

    get active(): boolean {
        return this.inside.getStore() !== undefined;
    }

    /** The running transaction's own object, for per-transaction caches. */
    scope(): object | undefined {
        return this.inside.getStore();
    }

    /** Runs `work` in a transaction; inside one already, it joins it. */
    run<T>(work: () => Promise<T>): Promise<T> {
        if (this.active) return work();
        return new Promise<T>((resolve, reject) => {
            // The caller's context, entered again for its work and its after-commit callbacks
            // (AsyncResource.bind would do the same, with a wrapper built per call on top).
            const scope = new AsyncResource('QueuedTransaction');
            const enter = <R>(fn: () => R): R => scope.runInAsyncScope(fn);
            this.waiting.push({ work, enter, resolve: resolve as (v: unknown) => void, reject });
            this.queued++;
            if (!this.draining) void this.drain();
        });
    }

    /** Runs `then` after the current transaction commits (never on rollback), or now outside one. */
    afterCommit(then: () => void): void {
        const queue = this.inside.getStore();
        if (queue) queue.push(then);
        else then();
    }

    /**
     * Waits until every transaction queued before this call has committed, so a read never
     * sees uncommitted rows and always sees what was asked to be written before it. It does
     * not wait for transactions queued later, so readers are not starved under load.
     */
    settled(): Promise<void> | undefined {
        // Nothing to wait for (the common case for a read): no promise at all, so a caller that
        // checks can go on without an await.
        if (this.active || this.answered >= this.queued) return undefined;
        return this.waitFor(this.queued);
    }

    private async waitFor(target: number): Promise<void> {
        while (this.answered < target) await this.batchEnd.promise;
    }

    private async drain(): Promise<void> {
        this.draining = true;
        try {
            while (this.waiting.length) {
                const jobs = this.waiting.splice(0, MAX_BATCH);
                try {
                    this.commit(await this.write(jobs));
                } finally {
                    this.answered += jobs.length;
                    this.batchEnd.resolve();
                    this.batchEnd = signal();
                }
                // Let readers that waited for this batch read before the next one begins.
                await new Promise<void>((r) => setImmediate(r));
            }
        } finally {
            this.draining = false;
        }
    }

    /** Runs each job in its savepoint; the ones that failed are answered at once. */
    private async write(jobs: Job[]): Promise<Finished[]> {
        const done: Finished[] = [];
        this.sql.begin.run();
        for (const job of jobs) {
            const committed: (() => void)[] = [];
            this.sql.savepoint.run();
            try {
                const result = await job.enter(() => this.inside.run(committed, job.work));
                this.sql.release.run();
                done.push({ job, result, committed });
            } catch (error) {
                job.reject(error);
                if (this.db.inTransaction) {
                    this.sql.undo.run();
                    this.sql.release.run();
                } else {
                    // SQLite gave the whole transaction up (a full disk, an I/O error): so are the jobs before this one.
                    done.splice(0).forEach((d) => d.job.reject(error));
                    this.sql.begin.run();
                }
            }
        }
        return done;
    }

    private commit(done: Finished[]): void {
        try {
            this.sql.commit.run();
        } catch (error) {
            if (this.db.inTransaction) this.sql.rollback.run();
            done.forEach((d) => d.job.reject(error));
            return;
        }
        for (const d of done) {
            d.job.resolve(d.result);
            for (const then of d.committed) d.job.enter(then);
        }
    }
}
