/**
 * A fresh PostgreSQL database per test host or store, dropped at the end, so test files
 * running in parallel never see each other's rows. The server is the machine's own
 * (`PGTEST_URL`, by default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const adminUrl = process.env.PGTEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
    url: string;
    drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
        return await work(client);
    } finally {
        await client.end();
    }
}

export async function createTestDatabase(): Promise<TestDatabase> {
    const name = `brix_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
        url: url.toString(),
        drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    };
}

/** Whether the tests of this jest project run on PostgreSQL (see jest.config.js). */
export const onPostgres = process.env.BRIX_TEST_STORE === 'postgres';
