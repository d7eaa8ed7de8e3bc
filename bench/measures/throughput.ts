/**
 * Inbound throughput and ack latency: the same load client against the bare baseline and the
 * product's webhook, closed loop for saturation and open loop at fixed rates.
 */
import type { Child } from '../child';
import type { LoadResult, LoadTarget } from '../load-client';
import type { Figure } from '../result';

export interface ThroughputSettings {
    concurrency: number;
    closedMs: number;
    openMs: number;
    rates: number[];
    /** External users the senders are drawn from (first message of each is a new client). */
    users: number;
}

/**
 * Each server (baseline, floor, product) is first driven this long, by other users, before its
 * measured run: a server is measured warm (compiled, its caches filled), as it runs in use, and
 * the measured run still starts with new clients.
 */
const WARM_UP_MS = 2000;

export async function closedLoop(load: Child, target: LoadTarget, s: ThroughputSettings): Promise<LoadResult> {
    const warm = { ...target, userPrefix: `${target.userPrefix}warm-`, idPrefix: `${target.idPrefix}warm-` };
    await load.call<LoadResult>({ kind: 'closed', target: warm, concurrency: s.concurrency, durationMs: Math.min(WARM_UP_MS, s.closedMs) });
    const r = await load.call<LoadResult>({ kind: 'closed', target, concurrency: s.concurrency, durationMs: s.closedMs });
    if (r.failed) console.warn(`  ${r.failed} of ${r.sent} failed: ${r.errors.join(' | ')}`);
    return r;
}

export async function openLoops(load: Child, target: (rate: number) => LoadTarget, s: ThroughputSettings): Promise<Figure[]> {
    const figures: Figure[] = [];
    for (const rate of s.rates) {
        const r = await load.call<LoadResult>({ kind: 'open', target: target(rate), rate, durationMs: s.openMs });
        if (r.failed) console.warn(`  at ${rate}/s ${r.failed} of ${r.sent} failed: ${r.errors.join(' | ')}`);
        console.log(`  open loop ${rate} msg/s: ack p50 ${r.ack.p50.toFixed(1)} ms, p99 ${r.ack.p99.toFixed(1)} ms, ${r.failed} failed`);
        figures.push(
            { part: 'inbound', measure: `ack p50 at ${rate} msg/s offered`, value: r.ack.p50, unit: 'ms' },
            { part: 'inbound', measure: `ack p99 at ${rate} msg/s offered`, value: r.ack.p99, unit: 'ms' },
        );
    }
    return figures;
}

/**
 * `floor` is the protocol floor (bench/protocol-floor-server.ts): the contract's own work
 * written by hand. Its ratio to the baseline bounds what any implementation of the contract
 * can reach on the machine; the product's ratio to it is what the product itself costs.
 */
export function throughputFigures(product: LoadResult, baseline: LoadResult, floor: LoadResult, concurrency: number): Figure[] {
    return [
        { part: 'inbound', measure: `baseline (fastify + 1 insert), ${concurrency} senders`, value: baseline.throughput, unit: 'msg/s' },
        { part: 'inbound', measure: `protocol floor (the contract by hand), ${concurrency} senders`, value: floor.throughput, unit: 'msg/s' },
        { part: 'inbound', measure: 'protocol floor / baseline throughput', value: floor.throughput / baseline.throughput, unit: '×' },
        { part: 'inbound', measure: 'product / protocol floor throughput', value: product.throughput / floor.throughput, unit: '×' },
        { part: 'inbound', measure: `product webhook, ${concurrency} senders`, value: product.throughput, unit: 'msg/s', target: { op: '>=', value: 5000 } },
        { part: 'inbound', measure: 'product / baseline throughput', value: product.throughput / baseline.throughput, unit: '×', target: { op: '>=', value: 0.5 } },
        { part: 'inbound', measure: 'closed-loop ack p99', value: product.ack.p99, unit: 'ms' },
    ];
}
