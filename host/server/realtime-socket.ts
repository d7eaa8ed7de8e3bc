/**
 * One WebSocket per browser tab at `/api/ws`, authenticated by the session cookie and
 * opened only from the host's own pages (origin-checks.ts). The tab answers pings to stay
 * counted as connected, and says which topics it shows: `{type:'subscribe', topic}` and
 * `{type:'unsubscribe', topic}`; a refused subscription is answered `{type:'error', topic,
 * message}`. A socket lives no longer than its login session: it closes with 4401 at the
 * session's expiry, on sign-out and when the user is blocked.
 */
import type { FastifyInstance } from 'fastify';
import { HostError } from '../errors';
import type { Connection, RealtimeHub } from '../runtime/realtime-hub';

// setTimeout holds at most about 24.8 days; a longer session re-arms its timer.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export function registerRealtimeSocket(server: FastifyInstance, hub: RealtimeHub): void {
    server.get('/api/ws', {
        websocket: true,
        preValidation: async (request) => {
            if (!request.ws) throw new HostError('BAD_REQUEST', 'Open /api/ws as a WebSocket');
        },
    }, (socket, request) => {
        const user = request.user;
        const session = request.loginSession;
        if (!user || !session) {
            socket.close(4401, 'Sign in first');
            return;
        }
        let expiry: NodeJS.Timeout | undefined;
        const closeAtExpiry = () => {
            const left = session.expiresAt - Date.now();
            if (left <= 0) socket.close(4401, 'The session has expired');
            else expiry = setTimeout(closeAtExpiry, Math.min(left, LONGEST_TIMER_MS));
        };
        closeAtExpiry();
        const connection: Connection = {
            send: (text) => socket.send(text),
            close: (code, reason) => socket.close(code, reason),
            bufferedAmount: () => socket.bufferedAmount,
        };
        const disconnect = hub.connect(user.id, connection, session.key);
        socket.send(JSON.stringify({ type: 'hello', userId: user.id }));
        socket.on('message', (raw: Buffer) => {
            const text = raw.toString();
            if (text === 'ping') return socket.send('pong');
            follow(hub, connection, text, (answer) => socket.send(JSON.stringify(answer)));
        });
        socket.on('close', () => {
            clearTimeout(expiry);
            disconnect();
        });
    });
}

/** Applies a tab's subscribe or unsubscribe; anything else it sends is ignored. */
function follow(hub: RealtimeHub, connection: Connection, text: string, answer: (message: object) => void): void {
    let message: { type?: unknown; topic?: unknown };
    try {
        message = JSON.parse(text) as typeof message;
    } catch {
        return;
    }
    if (typeof message?.topic !== 'string') return;
    try {
        if (message.type === 'subscribe') hub.subscribe(connection, message.topic);
        else if (message.type === 'unsubscribe') hub.unsubscribe(connection, message.topic);
    } catch (error) {
        answer({ type: 'error', topic: message.topic, message: error instanceof Error ? error.message : String(error) });
    }
}
