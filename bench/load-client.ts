/**
 * The load client, run as its own process: sends arbitrary-messenger webhook bodies over
 * keep-alive HTTP, closed loop (N senders, each sending again as soon as it is answered:
 * saturation throughput) or open loop (a fixed rate whatever the answers: ack latency, measured
 * from each message's scheduled time so a stalled server cannot hide its queue).
 *
 * Senders are drawn at random from a pool of external users, so the first message of each is
 * a new client and the rest are returning ones. Each text carries the moment it was sent, so
 * the tabs can measure delivery.
 */
import http from 'node:http';
import { serveParent } from './child';
import { latency, now, type Latency } from './stats';

export interface LoadTarget {
    /** Full URL of the webhook (or the baseline's route). */
    url: string;
    channelId: string;
    token: string;
    /** External user ids are `<userPrefix><n>` with n below `users`. */
    userPrefix: string;
    users: number;
    /** External message ids are `<idPrefix><n>`: unique per run, so nothing is a duplicate. */
    idPrefix: string;
    /** Each user in turn (0, 1, 2, …) instead of at random: one message per user when `count` is `users`. */
    inTurn?: boolean;
}

export type LoadCommand =
    | { kind: 'closed'; target: LoadTarget; concurrency: number; durationMs?: number; count?: number }
    | { kind: 'open'; target: LoadTarget; rate: number; durationMs: number };

export interface LoadResult {
    sent: number;
    ok: number;
    failed: number;
    /** A few answers other than 200, to tell what went wrong. */
    errors: string[];
    seconds: number;
    /** Answered 200 per second of the run. */
    throughput: number;
    ack: Latency;
    /** Messages from users who had not written before in this run. */
    firstMessages: number;
}

// Bounds a run against a server that fell behind: answers later than this count as failed.
const DRAIN_MS = 15_000;

function sender(target: LoadTarget, maxSockets: number) {
    const agent = new http.Agent({ keepAlive: true, maxSockets });
    const url = new URL(target.url);
    const seen = new Set<number>();
    let seq = 0;
    const result = { sent: 0, ok: 0, failed: 0, errors: [] as string[], firstMessages: 0 };
    const send = () => new Promise<void>((resolve) => {
        const n = seq++;
        const user = target.inTurn ? n % target.users : Math.floor(Math.random() * target.users);
        if (!seen.has(user)) {
            seen.add(user);
            result.firstMessages++;
        }
        const externalUserId = `${target.userPrefix}${user}`;
        const body = Buffer.from(JSON.stringify({
            type: 'message', token: target.token, channelId: target.channelId,
            data: { externalMessageId: `${target.idPrefix}${n}`, externalChatId: externalUserId, externalChatName: '', externalUserId, text: `bench ${n} ${now().toFixed(3)}`, files: [] },
        }));
        result.sent++;
        const req = http.request({
            agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
            headers: { 'content-type': 'application/json', 'content-length': body.length },
        }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () => {
                if (res.statusCode === 200) result.ok++;
                else {
                    result.failed++;
                    if (result.errors.length < 5) result.errors.push(`${res.statusCode} ${text.slice(0, 300)}`);
                }
                resolve();
            });
        });
        req.on('error', (e) => {
            result.failed++;
            if (result.errors.length < 5) result.errors.push(e.message);
            resolve();
        });
        req.end(body);
    });
    return { send, result, close: () => agent.destroy() };
}

async function closedLoop(c: Extract<LoadCommand, { kind: 'closed' }>): Promise<LoadResult> {
    const s = sender(c.target, c.concurrency);
    const acks: number[] = [];
    const started = now();
    const until = c.durationMs === undefined ? Infinity : started + c.durationMs;
    const count = c.count ?? Infinity;
    const loop = async () => {
        while (now() < until && s.result.sent < count) {
            const t = now();
            await s.send();
            acks.push(now() - t);
        }
    };
    await Promise.all(Array.from({ length: c.concurrency }, loop));
    const seconds = (now() - started) / 1000;
    s.close();
    return { ...s.result, seconds, throughput: s.result.ok / seconds, ack: latency(acks) };
}

async function openLoop(c: Extract<LoadCommand, { kind: 'open' }>): Promise<LoadResult> {
    // Enough sockets that the client never queues behind itself at the offered rate.
    const s = sender(c.target, 512);
    const acks: number[] = [];
    const inFlight = new Set<Promise<void>>();
    const started = now();
    const total = Math.round((c.rate * c.durationMs) / 1000);
    let issued = 0;
    await new Promise<void>((done) => {
        const tick = () => {
            const due = Math.min(total, Math.floor(((now() - started) * c.rate) / 1000) + 1);
            for (; issued < due; issued++) {
                const scheduled = started + (issued * 1000) / c.rate;
                const p = s.send().then(() => {
                    acks.push(now() - scheduled);
                    inFlight.delete(p);
                });
                inFlight.add(p);
            }
            if (issued < total) setTimeout(tick, 1);
            else done();
        };
        tick();
    });
    await Promise.race([Promise.all(inFlight), new Promise((r) => setTimeout(r, DRAIN_MS))]);
    const seconds = (now() - started) / 1000;
    s.close();
    // Unanswered messages count as failed, not as fast.
    const unanswered = s.result.sent - s.result.ok - s.result.failed;
    if (unanswered) s.result.errors.push(`${unanswered} unanswered ${DRAIN_MS / 1000} s after the last was sent`);
    return { ...s.result, failed: s.result.failed + unanswered, seconds, throughput: s.result.ok / seconds, ack: latency(acks) };
}

serveParent(async (command) => {
    const c = command as unknown as LoadCommand;
    return c.kind === 'closed' ? closedLoop(c) : openLoop(c);
});
