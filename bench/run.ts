/**
 * `npm run bench`: the item layer against raw SQLite, then the product end to end — the
 * webhook against a bare baseline with the same load client, ack latency at fixed rates,
 * realtime delivery to staff tabs, and what a big history costs. Prints each figure with
 * its target and writes bench/results/latest.{json,svg}. Goals are reported, not enforced.
 *
 * Sizes from the environment: BENCH_SESSIONS (history for the scale part, default
 * 1,000,000), BENCH_SECONDS (closed loop, 10), BENCH_OPEN_SECONDS (each open-loop rate, 3),
 * BENCH_TABS (500), BENCH_EXPORT_SESSIONS (the export part, 100,000), BENCH_ONLY (comma list of
 * parts: items, blocklist, inbound, delivery, scale, export, postgres). BENCH_STORE=postgres adds
 * the webhook on PostgreSQL, one instance and two (BENCH_PG_URL names the server,
 * postgres://postgres@127.0.0.1:5432/postgres by default).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBaselineServer } from './baseline-server';
import { startChild } from './child';
import type { LoadTarget } from './load-client';
import { measureBlocklist, measureBlocklistInProduct } from './measures/blocklist';
import { measureDelivery } from './measures/delivery';
import { measureExport } from './measures/export';
import { measureItemLayer } from './measures/item-layer';
import { measurePostgres } from './measures/postgres';
import { compareCosts, reportTime, threadTime } from './measures/scale';
import { closedLoop, openLoops, throughputFigures, type ThroughputSettings } from './measures/throughput';
import { login, startProductHost, TOKEN, type ProductHost } from './product-host';
import { startFloorServer } from './protocol-floor-server';
import { printTable, writeResults } from './report';
import type { Figure } from './result';
import { seedRollups, seedSessions, seedThread } from './seed';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const settings = {
    sessions: env('BENCH_SESSIONS', 1_000_000),
    exportSessions: env('BENCH_EXPORT_SESSIONS', 100_000),
    smallSessions: 1_000,
    tabs: env('BENCH_TABS', 500),
    tabUsers: 100,
    openSessions: 10_000,
    costMessages: env('BENCH_COST_MESSAGES', 3_000),
    threadLength: 10_000,
    throughput: { concurrency: 32, closedMs: env('BENCH_SECONDS', 10) * 1000, openMs: env('BENCH_OPEN_SECONDS', 3) * 1000, rates: [200, 500, 1000], users: 1_000 } as ThroughputSettings,
};
const only = process.env.BENCH_ONLY?.split(',');
const runs = (part: string) => (part === 'postgres' ? process.env.BENCH_STORE === 'postgres' || Boolean(only?.includes(part)) : !only || only.includes(part));

let run = 0;
/** A webhook target with fresh message ids, and users of its own unless `users` is shared. */
function webhook(p: ProductHost, users: number, userPrefix = `u${run}-`): LoadTarget {
    run++;
    return { url: `${p.url}/api/messengers/external/other/webhook/${p.channelId}`, channelId: p.channelId, token: TOKEN, userPrefix, users, idPrefix: `m${run}-` };
}

async function main(): Promise<void> {
    const started = Date.now();
    const figures: Figure[] = [];
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'live-chats-bench-'));
    const dir = (name: string) => {
        fs.mkdirSync(path.join(temp, name));
        return path.join(temp, name);
    };
    const load = startChild('load-client');
    const messenger = startChild('fake-messenger');
    const tabs = startChild('tabs');
    const { url: messengerUrl } = await messenger.call<{ url: string }>({ kind: 'start' });
    const s = settings.throughput;
    try {
        if (runs('items')) {
            console.log('item layer…');
            figures.push(...(await measureItemLayer()));
        }
        if (runs('blocklist')) {
            console.log('blocklist matching…');
            figures.push(...measureBlocklist());
            const p = await startProductHost(dir('blocklist'), { operators: 10, messengerUrl });
            figures.push(...(await measureBlocklistInProduct(p, load, () => webhook(p, settings.costMessages / 10, `bl${run}-`), settings.costMessages)));
            await p.close();
        }
        if (runs('postgres')) {
            console.log('product on PostgreSQL, one instance and two…');
            const second = startChild('load-client');
            try {
                figures.push(...(await measurePostgres(dir, [load, second], messengerUrl, (url, channelId) => {
                    run++;
                    return { url: `${url}/api/messengers/external/other/webhook/${channelId}`, channelId, token: TOKEN, userPrefix: `pg${run}-`, users: s.users, idPrefix: `pg${run}-` };
                }, s)));
            } finally {
                await second.stop();
            }
        }
        if (runs('inbound') || runs('delivery') || runs('scale')) {
            console.log(`product with ${settings.smallSessions} sessions stored…`);
            const p = await startProductHost(dir('small'), { operators: settings.tabUsers, messengerUrl });
            await seedSessions(p, settings.smallSessions, 'closed', 'h');
            if (runs('inbound')) {
                const base = await startBaselineServer(dir('baseline'));
                const baseline = await closedLoop(load, { ...webhook(p, s.users), url: base.url }, s);
                await base.close();
                console.log(`  baseline: ${baseline.throughput.toFixed(0)} msg/s`);
                const floorServer = await startFloorServer(dir('floor'), { id: p.channelId, token: TOKEN, messengerUrl });
                const floor = await closedLoop(load, { ...webhook(p, s.users), url: floorServer.url }, s);
                await floorServer.close();
                console.log(`  protocol floor: ${floor.throughput.toFixed(0)} msg/s`);
                const product = await closedLoop(load, webhook(p, s.users), s);
                console.log(`  product: ${product.throughput.toFixed(0)} msg/s (${product.firstMessages} new clients of ${product.sent} messages)`);
                figures.push(...throughputFigures(product, baseline, floor, s.concurrency));
                figures.push(...(await openLoops(load, () => webhook(p, s.users), s)));
            }
            if (runs('delivery')) {
                figures.push(...(await measureDelivery(p, load, tabs, webhook(p, s.users), { tabs: settings.tabs, openSessions: settings.openSessions, rates: [100, 1000], offerMs: 3000, drainMs: 20_000 })));
            }
            await p.close();
            if (runs('scale')) {
                console.log(`product with ${settings.sessions} sessions stored…`);
                const big = await startProductHost(dir('big'), { operators: 30, messengerUrl });
                const seeded = await seedSessions(big, settings.sessions, 'closed', 'h');
                await seedRollups(big, 30, 365);
                const longThread = await seedThread(big, settings.threadLength);
                console.log(`  seeded ${settings.sessions} sessions in ${seeded.toFixed(1)} s`);
                // Compared with a host of few sessions, open beside it and measured in turns.
                const few = await startProductHost(dir('few'), { operators: 30, messengerUrl });
                await seedSessions(few, settings.smallSessions, 'closed', 'h');
                const cost = await compareCosts(few, big, load, (host) => webhook(host, settings.costMessages / 10, 'cost-'), settings.costMessages, 16);
                const [small, large] = [cost.a, cost.b];
                await few.close();
                const report = await reportTime(big, 10);
                const thread = await threadTime(big, longThread, 10);
                await big.close();
                const n = settings.sessions.toLocaleString('en');
                figures.push(
                    { part: 'scale', measure: `CPU per message, ${settings.smallSessions.toLocaleString('en')} sessions stored`, value: small.cpuMsPerMessage, unit: 'ms' },
                    { part: 'scale', measure: `CPU per message, ${n} sessions stored`, value: large.cpuMsPerMessage, unit: 'ms' },
                    { part: 'scale', measure: `CPU per message, ${n} / ${settings.smallSessions.toLocaleString('en')} sessions`, value: cost.ratio, unit: '×', target: { op: '<=', value: 1.5 } },
                    { part: 'scale', measure: `wall throughput, ${settings.smallSessions.toLocaleString('en')} sessions stored`, value: small.throughput, unit: 'msg/s' },
                    { part: 'scale', measure: `wall throughput, ${n} sessions stored`, value: large.throughput, unit: 'msg/s' },
                    { part: 'scale', measure: `operators report, a year by day (30 operators), ${n} sessions`, value: report.p50, unit: 'ms', target: { op: '<=', value: 200 } },
                    { part: 'scale', measure: `thread first page, ${thread.messages.toLocaleString('en')} messages, ${n} sessions`, value: thread.p50, unit: 'ms', target: { op: '<=', value: 50 } },
                );
            }
        }
        if (runs('export')) {
            console.log(`export of ${settings.exportSessions.toLocaleString('en')} sessions…`);
            const folder = dir('export');
            const p = await startProductHost(folder, { operators: 30, messengerUrl });
            const plans = ['gold', 'silver', 'bronze'];
            await seedSessions(p, settings.exportSessions, 'closed', 'x', (i) => ({ plan: plans[i % 3], region: i % 2 ? 'EU' : 'US' }));
            await p.close();
            const exportHost = startChild('export-host');
            try {
                const { url } = await exportHost.call<{ url: string }>({ kind: 'start', dir: folder });
                figures.push(...(await measureExport(exportHost, url, await login(url, 'admin'), { seconds: 15, rssMb: 300 })));
            } finally {
                await exportHost.stop();
            }
        }
    } finally {
        await Promise.all([load.stop(), messenger.stop(), tabs.stop()]);
        fs.rmSync(temp, { recursive: true, force: true });
    }
    printTable(figures);
    console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s; targets are goals: the bench reports, it does not fail)`);
    writeResults(path.resolve(__dirname, '../../bench/results'), figures, settings);
}

main().catch((error: Error) => {
    console.error(error);
    process.exitCode = 1;
});
