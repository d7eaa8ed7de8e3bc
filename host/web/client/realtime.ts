/**
 * The tab's one WebSocket to `/api/ws`. Views and widgets subscribe by event name; the
 * socket reconnects after a drop so a long-open tab keeps receiving pushes.
 */
type Handler = (payload: unknown) => void;

const handlers = new Map<string, Set<Handler>>();
let socket: WebSocket | undefined;
let wanted = false;
let ready: Promise<void> = Promise.resolve();

function open(retry: number): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
    const ws = new WebSocket(url);
    socket = ws;
    ready = new Promise((resolve) => {
        ws.addEventListener('message', function hello(e) {
            if (JSON.parse(String(e.data)).type === 'hello') { ws.removeEventListener('message', hello); resolve(); }
        });
        ws.addEventListener('close', () => resolve());
    });
    ws.addEventListener('message', (e) => {
        if (e.data === 'pong') return;
        const message = JSON.parse(String(e.data)) as { type: string; event?: string; payload?: unknown };
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
