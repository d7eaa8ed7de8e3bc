/**
 * What history costs: the host's CPU time and wall throughput per inbound message with few
 * versus many sessions already stored, and the reads that must stay fast over a big store —
 * a year's operators report and the first page of a 10,000-message thread.
 */
import type { Child } from '../child';
import type { LoadResult, LoadTarget } from '../load-client';
import type { ProductHost } from '../product-host';
import { latency } from '../stats';

export interface MessageCost {
    cpuMsPerMessage: number;
    throughput: number;
}

/**
 * Sends `count` messages closed loop and reads this process's CPU time (the host runs here;
 * the load client does not) until the work they started is done.
 */
export async function messageCost(p: ProductHost, load: Child, target: LoadTarget, count: number, concurrency: number): Promise<MessageCost> {
    await p.host.idle();
    const before = process.cpuUsage();
    const r = await load.call<LoadResult>({ kind: 'closed', target, concurrency, count });
    await p.host.idle();
    const cpu = process.cpuUsage(before);
    if (r.failed) console.warn(`  ${r.failed} of ${r.sent} failed: ${r.errors.join(' | ')}`);
    return { cpuMsPerMessage: (cpu.user + cpu.system) / 1000 / r.ok, throughput: r.throughput };
}

const median = (values: number[]) => latency(values).p50;

/**
 * The cost per message of two hosts, measured in turns: after an unmeasured warm-up of each
 * (a fifth of `count`, so neither pays for compiling the code paths), `rounds` bursts of each,
 * alternating. Seeding the big store takes minutes and a machine's speed drifts over minutes;
 * in turns, the drift falls on both alike. Each figure is the median of its bursts, and the
 * ratio the median of the rounds' ratios.
 */
export async function compareCosts(a: ProductHost, b: ProductHost, load: Child, target: (p: ProductHost) => LoadTarget, count: number, concurrency: number, rounds = 5): Promise<{ a: MessageCost; b: MessageCost; ratio: number }> {
    for (const p of [a, b]) await load.call({ kind: 'closed', target: target(p), concurrency, count: Math.ceil(count / 5) });
    const costs: { a: MessageCost; b: MessageCost }[] = [];
    for (let i = 0; i < rounds; i++) {
        const first = await messageCost(a, load, target(a), Math.ceil(count / rounds), concurrency);
        costs.push({ a: first, b: await messageCost(b, load, target(b), Math.ceil(count / rounds), concurrency) });
    }
    const of = (side: 'a' | 'b'): MessageCost => ({ cpuMsPerMessage: median(costs.map((c) => c[side].cpuMsPerMessage)), throughput: median(costs.map((c) => c[side].throughput)) });
    return { a: of('a'), b: of('b'), ratio: median(costs.map((c) => c.b.cpuMsPerMessage / c.a.cpuMsPerMessage)) };
}

/** The median and first (cold) time of `runs` calls. */
async function timed(runs: number, call: () => Promise<{ status: number; body: string; ms: number }>) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const r = await call();
        if (r.status !== 200) throw new Error(`${r.status} ${r.body.slice(0, 300)}`);
        times.push(r.ms);
    }
    return { first: times[0], p50: latency(times).p50 };
}

export async function reportTime(p: ProductHost, runs: number) {
    const to = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
    return timed(runs, () => p.api('POST', 'performance_report', { kind: 'operators', from, to, breakdown: 'day' }));
}

/** Times the first page of a session's thread. */
export async function threadTime(p: ProductHost, sessionId: string, runs: number) {
    const messages = await p.host.store.count(p.table('messages'), { where: { kind: 'cmp', field: 'session', op: 'eq', value: sessionId } });
    return { messages, ...(await timed(runs, () => p.api('GET', 'thread', { sessionId }))) };
}
