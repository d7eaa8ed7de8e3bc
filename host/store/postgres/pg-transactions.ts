/**
 * Transactions of one instance on PostgreSQL, committed in groups as SQLite's are
 * (sqlite/transaction-queue.ts): transactions that arrive while a batch runs form the next
 * batch on one connection, each in its own SAVEPOINT, with one COMMIT for all.
 *
 * Every batch first takes one transaction-scoped advisory lock, so write transactions of
 * all instances run one at a time, as they do in SQLite: a script that reads, decides and
 * writes never races another instance doing the same ("already answered?" checks stay
 * true across instances). Reads outside a transaction do not take it.
 */
import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { Pool, PoolClient, QueryConfig, QueryResult } from 'pg';

/** How many queued transactions one commit takes at most. */
const MAX_BATCH = 64;
/** The advisory lock every write batch holds until it commits. */
const WRITE_LOCK = 0x6272_6978;
/** SQL texts kept as named (prepared) statements; past this, statements are parsed each time. */
const NAMED_LIMIT = 2_000;

interface Job {
    work: () => Promise<unknown>;
    enter: <T>(fn: () => T) => T;
    resolve(value: unknown): void;
    reject(error: unknown): void;
}

/** The running transaction: its connection, what to run after commit, and its statement chain. */
interface Inside {
    client: PoolClient;
    committed: (() => void)[];
    /** Guarded statements run one after another, so their savepoints never interleave. */
    tail: Promise<unknown>;
}

function signal(): { promise: Promise<void>; resolve: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
}

export class PgTransactions {
    private readonly waiting: Job[] = [];
    private draining = false;
    private queued = 0;
    private answered = 0;
    private batchEnd = signal();
    private readonly inside = new AsyncLocalStorage<Inside>();

    /** Statement names by SQL text, of the current generation (see `forgetStatements`). */
    private readonly names = new Map<string, string>();
    private generation = 0;

    constructor(private readonly pool: Pool) {}

    /**
     * The statement as node-postgres runs it: named, so each connection parses and plans a
     * SQL text once and later runs only bind and execute — the parse was a good part of
     * every small query's round trip. Statements without parameters (DDL, one-offs) stay
     * unnamed.
     */
    private statement(sql: string, params: unknown[]): QueryConfig {
        if (!params.length) return { text: sql, values: params };
        let name = this.names.get(sql);
        if (!name && this.names.size < NAMED_LIMIT) this.names.set(sql, (name = `s${this.generation}_${this.names.size}`));
        return name ? { name, text: sql, values: params } : { text: sql, values: params };
    }

    /**
     * After a table changed shape: new names from now on, so no connection runs a plan made
     * for the old shape (PostgreSQL refuses a prepared `SELECT *` whose columns changed).
     */
    forgetStatements(): void {
        this.names.clear();
        this.generation++;
    }

    scope(): object | undefined {
        return this.inside.getStore();
    }

    /** Runs a statement in the current transaction, or on its own after earlier transactions. */
    async query(sql: string, params: unknown[] = []): Promise<QueryResult> {
        const tx = this.inside.getStore();
        if (tx) return tx.client.query(this.statement(sql, params));
        await this.settled();
        return this.pool.query(this.statement(sql, params));
    }

    /**
     * Runs statements that may be refused (a unique index, a bad value) so that a refusal
     * inside a transaction undoes only them: PostgreSQL otherwise gives up the whole
     * transaction, and a caller that catches the error could not go on. Outside a
     * transaction they run as one of their own.
     */
    guarded<T>(write: (run: (sql: string, params?: unknown[]) => Promise<QueryResult>) => Promise<T>): Promise<T> {
        const tx = this.inside.getStore();
        if (!tx) return this.run(() => this.guarded(write));
        // A savepoint that was not needed is left for the job's RELEASE to end with the rest:
        // one round trip less per write. A refusal rolls back to the latest one, this write's.
        const step = tx.tail.then(async () => {
            await tx.client.query('SAVEPOINT guarded_write');
            try {
                return await write((sql, params = []) => tx.client.query(this.statement(sql, params)));
            } catch (error) {
                await tx.client.query('ROLLBACK TO guarded_write');
                throw error;
            }
        });
        tx.tail = step.catch(() => undefined);
        return step;
    }

    run<T>(work: () => Promise<T>): Promise<T> {
        if (this.inside.getStore()) return work();
        return new Promise<T>((resolve, reject) => {
            const enter = AsyncResource.bind(<R>(fn: () => R): R => fn());
            this.waiting.push({ work, enter, resolve: resolve as (v: unknown) => void, reject });
            this.queued++;
            if (!this.draining) void this.drain();
        });
    }

    afterCommit(then: () => void): void {
        const tx = this.inside.getStore();
        if (tx) tx.committed.push(then);
        else then();
    }

    /** Waits until every transaction queued before this call is answered (see the SQLite queue). */
    async settled(): Promise<void> {
        if (this.inside.getStore()) return;
        const target = this.queued;
        while (this.answered < target) await this.batchEnd.promise;
    }

    private async drain(): Promise<void> {
        this.draining = true;
        try {
            while (this.waiting.length) {
                const jobs = this.waiting.splice(0, MAX_BATCH);
                try {
                    await this.batch(jobs);
                } finally {
                    this.answered += jobs.length;
                    this.batchEnd.resolve();
                    this.batchEnd = signal();
                }
            }
        } finally {
            this.draining = false;
        }
    }

    private async batch(jobs: Job[]): Promise<void> {
        let client: PoolClient;
        try {
            client = await this.pool.connect();
        } catch (error) {
            jobs.forEach((j) => j.reject(error));
            return;
        }
        const done: { job: Job; result: unknown; committed: (() => void)[] }[] = [];
        let broken: unknown;
        try {
            await client.query('BEGIN');
            await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
            for (const job of jobs) {
                const tx: Inside = { client, committed: [], tail: Promise.resolve() };
                await client.query('SAVEPOINT queued_job');
                try {
                    const result = await job.enter(() => this.inside.run(tx, job.work));
                    await tx.tail;
                    await client.query('RELEASE queued_job');
                    done.push({ job, result, committed: tx.committed });
                } catch (error) {
                    await tx.tail;
                    job.reject(error);
                    await client.query('ROLLBACK TO queued_job');
                    await client.query('RELEASE queued_job');
                }
            }
            await client.query('COMMIT');
        } catch (error) {
            broken = error;
            await client.query('ROLLBACK').catch(() => undefined);
            done.forEach((d) => d.job.reject(error));
        } finally {
            client.release(broken instanceof Error && !('code' in broken) ? broken : undefined);
        }
        if (broken) {
            // Jobs not reached yet (the batch broke before them) are refused too.
            for (const job of jobs) if (!done.some((d) => d.job === job)) job.reject(broken);
            return;
        }
        for (const d of done) {
            d.job.resolve(d.result);
            for (const then of d.committed) d.job.enter(then);
        }
    }
}
