/**
 * One WebSocket per browser tab at `/api/ws`, authenticated by the session cookie and
 * opened only from the host's own pages (origin-checks.ts). The server only pushes; the tab
 * answers pings to stay counted as connected. A socket lives no longer than its login
 * session: it closes with 4401 at the session's expiry, on sign-out and when the user is
 * blocked.
 */
import type { FastifyInstance } from 'fastify';
import { HostError } from '../errors';
import type { RealtimeHub } from '../runtime/realtime-hub';

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
        const disconnect = hub.connect(user.id, { send: (text) => socket.send(text), close: (code, reason) => socket.close(code, reason) }, session.key);
        socket.send(JSON.stringify({ type: 'hello', userId: user.id }));
        socket.on('message', (raw: Buffer) => {
            if (raw.toString() === 'ping') socket.send('pong');
        });
        socket.on('close', () => {
            clearTimeout(expiry);
            disconnect();
        });
    });
}
