/**
 * The product on PostgreSQL: inbound throughput and ack latency of one instance, then of two
 * instances sharing the database and its realtime bus, each taking half the senders (as a
 * load balancer would spread them). Each run gets a fresh database, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Child } from '../child';
import type { LoadResult, LoadTarget } from '../load-client';
import { startInstance, startProductHost } from '../product-host';
import type { Figure } from '../result';
import { closedLoop, type ThroughputSettings } from './throughput';

/** The server the bench creates its databases on (trust or a password in the URL). */
const adminUrl = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
        await client.query(sql);
    } finally {
        await client.end();
    }
}

export async function measurePostgres(dir: (name: string) => string, loads: [Child, Child], messengerUrl: string, target: (url: string, channelId: string) => LoadTarget, s: ThroughputSettings): Promise<Figure[]> {
    const name = `brix_bench_${randomBytes(4).toString('hex')}`;
    await admin(`CREATE DATABASE ${name} TEMPLATE template0`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const figures: Figure[] = [];
    try {
        const p = await startProductHost(dir('postgres'), { operators: 10, messengerUrl, databaseUrl });
        const one = await closedLoop(loads[0], target(p.url, p.channelId), s);
        console.log(`  PostgreSQL, 1 instance: ${one.throughput.toFixed(0)} msg/s, ack p99 ${one.ack.p99.toFixed(1)} ms`);
        const second = await startInstance(p, databaseUrl);
        const half = { ...s, concurrency: Math.max(1, Math.round(s.concurrency / 2)) };
        const [a, b] = await Promise.all([closedLoop(loads[0], target(p.url, p.channelId), half), closedLoop(loads[1], target(second.url, p.channelId), half)]);
        const two: Pick<LoadResult, 'throughput'> & { p99: number } = { throughput: a.throughput + b.throughput, p99: Math.max(a.ack.p99, b.ack.p99) };
        console.log(`  PostgreSQL, 2 instances: ${two.throughput.toFixed(0)} msg/s, ack p99 ${two.p99.toFixed(1)} ms`);
        await second.host.close();
        await p.close();
        figures.push(
            { part: 'postgres', measure: `product webhook on PostgreSQL, 1 instance, ${s.concurrency} senders`, value: one.throughput, unit: 'msg/s' },
            { part: 'postgres', measure: 'closed-loop ack p99, 1 instance', value: one.ack.p99, unit: 'ms' },
            { part: 'postgres', measure: `product webhook on PostgreSQL, 2 instances, ${s.concurrency} senders`, value: two.throughput, unit: 'msg/s' },
            { part: 'postgres', measure: 'closed-loop ack p99, 2 instances', value: two.p99, unit: 'ms' },
        );
    } finally {
        await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    return figures;
}
