/**
 * Browser tabs of staff, as their own process: WebSocket connections to `/api/ws` with the
 * users' session cookies, each subscribed to the topics of what it shows, timing each
 * `message_created` push from the moment the load client sent the message (carried in its
 * text) to its arrival, at the first tab and at the last of the tabs showing its session.
 */
import WebSocket from 'ws';
import { serveParent } from './child';
import { latency, now, type Latency } from './stats';

export interface TabsResult {
    tabs: number;
    /** Messages at least one tab showed. */
    messages: number;
    /** Messages every tab showing their session showed. */
    everywhere: number;
    first: Latency;
    all: Latency;
}

const sockets: WebSocket[] = [];
// By message number: when it was sent, the first and latest arrival, how many tabs have it.
const arrivals = new Map<number, { sent: number; first: number; last: number; count: number }>();
// Only the text is needed; a regular expression is much cheaper than parsing every frame.
const pushed = /"event":"live_chats\.message_created".*?"text":"bench (\d+) ([\d.]+)"/;

function onFrame(data: Buffer): void {
    const at = now();
    const m = pushed.exec(data.toString());
    if (!m) return;
    const n = Number(m[1]);
    const seen = arrivals.get(n);
    if (seen) {
        seen.last = at;
        seen.count++;
    } else arrivals.set(n, { sent: Number(m[2]), first: at, last: at, count: 1 });
}

/** Opens a tab and subscribes it to what it shows (its live chat's lists, its open session). */
async function open(url: string, cookie: string, topics: string[]): Promise<void> {
    const ws = new WebSocket(url, { headers: { cookie }, perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
        ws.once('message', () => resolve());
        ws.once('error', reject);
        ws.once('close', (code) => reject(new Error(`socket closed ${code}`)));
    });
    for (const topic of topics) ws.send(JSON.stringify({ type: 'subscribe', topic }));
    ws.on('message', onFrame);
    sockets.push(ws);
}

serveParent(async (command) => {
    switch (command.kind) {
        case 'open': {
            const cookies = command.cookies as string[];
            const topics = command.topics as string[][];
            const tabs = topics.length;
            for (let i = 0; i < tabs; i += 50) {
                await Promise.all(Array.from({ length: Math.min(50, tabs - i) }, (_, j) => open(command.url as string, cookies[(i + j) % cookies.length], topics[i + j])));
            }
            arrivals.clear();
            return { tabs: sockets.length };
        }
        case 'result': {
            // Every tab showing the message's session has it.
            const everywhere = [...arrivals.values()].filter((a) => a.count >= (command.showing as number));
            const result: TabsResult = {
                tabs: sockets.length,
                messages: arrivals.size,
                everywhere: everywhere.length,
                first: latency([...arrivals.values()].map((a) => a.first - a.sent)),
                all: latency(everywhere.map((a) => a.last - a.sent)),
            };
            return result;
        }
        case 'reset':
            arrivals.clear();
            return {};
        case 'received':
            return { frames: [...arrivals.values()].reduce((n, a) => n + a.count, 0) };
        default:
            for (const ws of sockets) ws.terminate();
            return {};
    }
});
