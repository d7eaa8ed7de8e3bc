import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { TransactionQueue } from './transaction-queue';

function setup() {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    // Every statement the queue runs, in order (it prepares its transaction statements once).
    const statements: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
        const statement = prepare(sql);
        const run = statement.run.bind(statement);
        statement.run = ((...args: unknown[]) => {
            statements.push(sql);
            return run(...args);
        }) as typeof statement.run;
        return statement;
    }) as typeof db.prepare;
    const ids = () => (db.prepare('SELECT id FROM t ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    return { db, queue: new TransactionQueue(db), statements, ids };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('transaction queue', () => {
    it('commits transactions that queued behind a running one together, each answered after that commit', async () => {
        const { db, queue, statements, ids } = setup();
        const first = queue.run(async () => {
            db.prepare("INSERT INTO t VALUES ('a')").run();
            await tick();
        });
        const answered: string[] = [];
        const rest = ['b', 'c', 'd'].map((id) => queue.run(async () => {
            db.prepare('INSERT INTO t VALUES (?)').run(id);
            queue.afterCommit(() => answered.push(`pushed ${id}`));
        }).then(() => answered.push(`answered ${id}`)));
        await Promise.all([first, ...rest]);
        expect(statements.filter((s) => s === 'COMMIT')).toHaveLength(2);
        expect(ids()).toEqual(['a', 'b', 'c', 'd']);
        expect(answered).toEqual(['pushed b', 'pushed c', 'pushed d', 'answered b', 'answered c', 'answered d']);
    });

    it('rolls back only the failing one of a batch, and runs none of its after-commit work', async () => {
        const { db, queue, ids } = setup();
        const pushes: string[] = [];
        const first = queue.run(async () => { await tick(); });
        const ok = queue.run(async () => {
            db.prepare("INSERT INTO t VALUES ('kept')").run();
            queue.afterCommit(() => pushes.push('kept'));
        });
        const failing = queue.run(async () => {
            db.prepare("INSERT INTO t VALUES ('lost')").run();
            queue.afterCommit(() => pushes.push('lost'));
            throw new Error('refused');
        });
        const after = queue.run(async () => { db.prepare("INSERT INTO t VALUES ('later')").run(); });
        await first;
        await expect(failing).rejects.toThrow('refused');
        await Promise.all([ok, after]);
        expect(ids()).toEqual(['kept', 'later']);
        expect(pushes).toEqual(['kept']);
    });

    it('makes a reader wait for what was queued before it, not for what comes after', async () => {
        const { db, queue } = setup();
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const writer = queue.run(async () => {
            db.prepare("INSERT INTO t VALUES ('x')").run();
            await gate;
        });
        let read: number | undefined;
        const reader = Promise.resolve(queue.settled()).then(() => { read = (db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n; });
        await tick();
        expect(read).toBeUndefined();
        release();
        await Promise.all([writer, reader]);
        expect(read).toBe(1);
    });

    it('runs each queued transaction in the context of its own caller (its script call, its user)', async () => {
        const { queue } = setup();
        const caller = new AsyncLocalStorage<string>();
        const first = caller.run('first', () => queue.run(async () => { await tick(); return caller.getStore(); }));
        const others = ['second', 'third'].map((who) => caller.run(who, () => queue.run(async () => {
            await tick();
            return caller.getStore();
        })));
        expect(await Promise.all([first, ...others])).toEqual(['first', 'second', 'third']);
    });
});
