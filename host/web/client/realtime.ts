/**
 * The tab's one WebSocket to `/api/ws`. Views and widgets listen by event name and say which
 * topics they show; topics are counted so widgets showing the same one share it, and sent
 * again after a reconnect. When the server says the tab fell behind (`refresh`), or the
 * socket came back after a drop, pushes may have been missed: refresh handlers reload.
 */
type Handler = (payload: unknown) => void;

const handlers = new Map<string, Set<Handler>>();
const refreshers = new Set<() => void>();
/** Topics the tab shows, with how many subscriptions hold each. */
const topics = new Map<string, number>();
let socket: WebSocket | undefined;
let wanted = false;
let ready: Promise<void> = Promise.resolve();

function tell(message: { type: 'subscribe' | 'unsubscribe'; topic: string }): void {
    // A closed or opening socket is fine to skip: the greeting sends every topic anew.
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function refresh(): void {
    for (const handler of [...refreshers]) handler();
}

function open(retry: number): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
    const ws = new WebSocket(url);
    socket = ws;
    ready = new Promise((resolve) => {
        ws.addEventListener('message', function hello(e) {
            if (JSON.parse(String(e.data)).type !== 'hello') return;
            ws.removeEventListener('message', hello);
            for (const topic of topics.keys()) tell({ type: 'subscribe', topic });
            if (retry > 0) refresh();
            resolve();
        });
        ws.addEventListener('close', () => resolve());
    });
    ws.addEventListener('message', (e) => {
        if (e.data === 'pong') return;
        const message = JSON.parse(String(e.data)) as { type: string; event?: string; payload?: unknown };
        if (message.type === 'refresh') return refresh();
        if (message.type !== 'event' || !message.event) return;
        for (const handler of handlers.get(message.event) ?? []) handler(message.payload);
    });
    ws.addEventListener('close', (e) => {
        if (socket === ws) socket = undefined;
        // 4401: signed out, blocked or expired; a new socket would be refused the same way.
        if (wanted && e.code !== 4401) setTimeout(() => open(retry + 1), Math.min(30_000, 500 * 2 ** retry));
    });
}

/** Connects after sign-in; resolves when the server has greeted the socket. */
export function connect(): Promise<void> {
    wanted = true;
    if (!socket) open(0);
    return ready;
}

export function disconnect(): void {
    wanted = false;
    socket?.close();
    socket = undefined;
}

/** Calls handler for each push of the event; the result unsubscribes. */
export function onEvent(event: string, handler: Handler): { dispose(): void } {
    const set = handlers.get(event) ?? new Set<Handler>();
    set.add(handler);
    handlers.set(event, set);
    return { dispose: () => set.delete(handler) };
}

/** Follows a topic until disposed; the server is told when the first follower comes and the last goes. */
export function subscribe(topic: string): { dispose(): void } {
    const count = topics.get(topic) ?? 0;
    topics.set(topic, count + 1);
    if (count === 0) tell({ type: 'subscribe', topic });
    let disposed = false;
    return {
        dispose: () => {
            if (disposed || !topics.has(topic)) return;
            disposed = true;
            const left = topics.get(topic)! - 1;
            if (left > 0) return void topics.set(topic, left);
            topics.delete(topic);
            tell({ type: 'unsubscribe', topic });
        },
    };
}

/** Calls handler when pushes may have been missed; the result stops it. */
export function onRefresh(handler: () => void): { dispose(): void } {
    refreshers.add(handler);
    return { dispose: () => refreshers.delete(handler) };
}
