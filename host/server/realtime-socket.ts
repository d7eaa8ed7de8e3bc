/**
 * One WebSocket per browser tab at `/api/ws`, authenticated by the session cookie.
 * The server only pushes; the tab answers pings to stay counted as connected.
 */
import type { FastifyInstance } from 'fastify';
import type { RealtimeHub } from '../runtime/realtime-hub';

export function registerRealtimeSocket(server: FastifyInstance, hub: RealtimeHub): void {
    server.get('/api/ws', { websocket: true }, (socket, request) => {
        const user = request.user;
        if (!user) {
            socket.close(4401, 'Sign in first');
            return;
        }
        const disconnect = hub.connect(user.id, { send: (text) => socket.send(text) });
        socket.send(JSON.stringify({ type: 'hello', userId: user.id }));
        socket.on('message', (raw: Buffer) => {
            if (raw.toString() === 'ping') socket.send('pong');
        });
        socket.on('close', disconnect);
    });
}
