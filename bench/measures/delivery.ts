/**
 * Realtime delivery: staff tabs (WebSocket connections in their own process) of operators
 * signed in over HTTP, each showing its live chat's lists and one session, with many open
 * sessions, while the load client offers fixed rates, one after the other: one the product
 * sustains shows the realtime path's own latency, the highest one what queueing adds. Each `message_created` push is timed
 * from the message's send to its arrival at the first and the last tab showing its session. Bounded: the offer lasts `offerMs`, then pushes still on
 * their way get at most `drainMs`.
 */
import type { Child } from '../child';
import type { LoadResult, LoadTarget } from '../load-client';
import type { ProductHost } from '../product-host';
import type { Figure } from '../result';
import { seedSessions } from '../seed';
import type { TabsResult } from '../tabs';

export interface DeliverySettings {
    tabs: number;
    openSessions: number;
    /** Offered one after the other; the targets are for the last (the issue's 1,000 msg/s). */
    rates: number[];
    offerMs: number;
    drainMs: number;
}

/** How many tabs show each session: a session open on two operators' screens. */
const SHOWING = 2;

export async function measureDelivery(p: ProductHost, load: Child, tabs: Child, target: LoadTarget, s: DeliverySettings): Promise<Figure[]> {
    const seeded = await seedSessions(p, s.openSessions, 'open', 'open-');
    console.log(`  seeded ${s.openSessions} open sessions in ${seeded.toFixed(1)} s`);
    // The clients who will write: one message each first, so each has the session its tabs show.
    const users = Math.max(1, Math.floor(s.tabs / SHOWING));
    const writers: LoadTarget = { ...target, users, inTurn: true, idPrefix: `${target.idPrefix}warm-` };
    await load.call<LoadResult>({ kind: 'closed', target: writers, concurrency: 16, count: users });
    const sessionOf = new Map<string, string>();
    for (const row of await p.host.items.find('live_chats.sessions', {
        where: { kind: 'cmp', field: 'external_chat_id', op: 'like', value: target.userPrefix }, size: 10_000,
    })) sessionOf.set(String(row.external_chat_id), row.__id);
    // Tab i shows its live chat's lists and the session of client i mod users, as a desk does.
    const topics = Array.from({ length: s.tabs }, (_, i) => [`live_chats.line:${p.lineId}`, `live_chats.session:${sessionOf.get(`${target.userPrefix}${i % users}`)}`]);
    const cookies = [];
    for (const o of p.operators) cookies.push(await p.login(o.login));
    const opened = await tabs.call<{ tabs: number }>({ kind: 'open', url: `${p.url.replace('http', 'ws')}/api/ws`, cookies, topics });
    console.log(`  ${opened.tabs} tabs of ${cookies.length} operators connected, each session shown in ${SHOWING}`);
    const figures: Figure[] = [];
    for (const rate of s.rates) {
        await tabs.call({ kind: 'reset' });
        // Message ids of each offer's own: the same ids again would be duplicates, stored and pushed once.
        figures.push(...(await offer(load, tabs, { ...target, users, idPrefix: `${target.idPrefix}at${rate}-` }, rate, s, rate === s.rates[s.rates.length - 1])));
    }
    await tabs.call({ kind: 'close' });
    return figures;
}

/** Offers one rate for `offerMs`, waits for the pushes, and reads their times off the tabs. */
async function offer(load: Child, tabs: Child, target: LoadTarget, rate: number, s: DeliverySettings, targeted: boolean): Promise<Figure[]> {
    const acks = await load.call<LoadResult>({ kind: 'open', target, rate, durationMs: s.offerMs });
    // Waits until pushes stop arriving (or the drain time is over).
    const until = Date.now() + s.drainMs;
    let frames = -1;
    for (;;) {
        await new Promise((r) => setTimeout(r, 500));
        const now = (await tabs.call<{ frames: number }>({ kind: 'received' })).frames;
        if (now === frames || Date.now() > until) break;
        frames = now;
    }
    const d = await tabs.call<TabsResult>({ kind: 'result', showing: SHOWING });
    const label = `${rate} msg/s, ${d.tabs} tabs, ${s.openSessions} open sessions`;
    console.log(`  ${label}: ack p99 ${acks.ack.p99.toFixed(1)} ms; first tab p99 ${d.first.p99.toFixed(1)} ms; all tabs p99 ${d.all.p99.toFixed(1)} ms; ${d.everywhere}/${acks.sent} shown in every tab`);
    const goal = (op: '<=' | '>=', value: number) => (targeted ? { target: { op, value } } : {});
    return [
        { part: 'realtime', measure: `ack p50 at ${label}`, value: acks.ack.p50, unit: 'ms' },
        { part: 'realtime', measure: `ack p99 at ${label}`, value: acks.ack.p99, unit: 'ms', ...goal('<=', 50) },
        { part: 'realtime', measure: `delivery p50 at ${rate} msg/s, first tab showing the session`, value: d.first.p50, unit: 'ms' },
        { part: 'realtime', measure: `delivery p99 at ${rate} msg/s, first tab showing the session`, value: d.first.p99, unit: 'ms', ...goal('<=', 100) },
        { part: 'realtime', measure: `delivery p50 at ${rate} msg/s, all ${SHOWING} tabs showing the session`, value: d.all.p50, unit: 'ms' },
        { part: 'realtime', measure: `delivery p99 at ${rate} msg/s, all ${SHOWING} tabs showing the session`, value: d.all.p99, unit: 'ms', ...goal('<=', 100) },
        { part: 'realtime', measure: `messages shown in their tabs within the run at ${rate} msg/s (of ${acks.sent} sent)`, value: acks.sent ? d.everywhere / acks.sent : 0, unit: 'share', ...goal('>=', 1) },
    ];
}
