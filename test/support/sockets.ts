/**
 * A browser tab's WebSocket as tests open it: every message it receives, parsed, and the
 * close code once it closes. Plus `until`, to poll for what a push should have changed.
 */
import WebSocket from 'ws';

export interface Tab<M = { type: string; event?: string; topic?: string; payload?: unknown }> {
    socket: WebSocket;
    messages: M[];
    /** The messages that are events (not subscription answers or refresh signals). */
    events(): M[];
    closed: Promise<number>;
}

/** Opens `/api/ws` with a cookie and, when given, an Origin header; resolves once open. */
export function openTab<M extends { type: string } = { type: string; event?: string; topic?: string; payload?: unknown }>(url: string, cookie?: string, origin?: string): Promise<Tab<M>> {
    return new Promise((resolve, reject) => {
        const socket = new WebSocket(url, { headers: cookie ? { cookie } : {}, ...(origin ? { origin } : {}) });
        const messages: M[] = [];
        const closed = new Promise<number>((r) => socket.on('close', (code) => r(code)));
        socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as M));
        socket.on('open', () => resolve({ socket, messages, closed, events: () => messages.filter((m) => m.type === 'event') }));
        socket.on('error', reject);
    });
}

/** Polls `check` every 10 ms. @throws Error when it is still false after `ms`. */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
        if (Date.now() > end) throw new Error('condition not met in time');
        await new Promise((r) => setTimeout(r, 10));
    }
}
