/**
 * Health, installed extensions and their installation, outgoing mail settings, and the
 * user's notifications.
 */
import type { FastifyInstance } from 'fastify';
import { HostError } from '../errors';
import type { Extensions } from '../runtime/extensions';
import type { MailSender } from '../runtime/mail-sender';
import type { RealtimeHub } from '../runtime/realtime-hub';
import type { Store } from '../store/store';
import { requireUser } from './auth';
import { isAdmin } from './permissions';

export function registerAdminRoutes(server: FastifyInstance, store: Store, extensions: Extensions, hub: RealtimeHub, mail: MailSender): void {
    server.get('/api/health', async () => ({
        status: 'ok',
        extensions: (await store.system.extensions.list()).map((e) => ({ id: e.id, version: e.version, status: e.status })),
    }));

    const requireAdmin = (request: Parameters<typeof requireUser>[0]) => {
        const user = requireUser(request);
        if (!isAdmin(user)) throw new HostError('FORBIDDEN', 'Only administrators manage extensions');
        return user;
    };

    server.get('/api/admin/extensions', async (request) => {
        requireAdmin(request);
        return {
            extensions: (await store.system.extensions.list()).map((e) => ({
                id: e.id, name: e.name, version: e.version, status: e.status, lastError: e.lastError,
                installedAt: new Date(e.installedAt).toISOString(), updatedAt: new Date(e.updatedAt).toISOString(),
            })),
        };
    });

    /** Installs or upgrades from the package bytes in the body; progress goes to the admin's tabs. */
    server.post('/api/admin/extensions', { bodyLimit: 64 * 1024 * 1024 }, async (request, reply) => {
        const user = requireAdmin(request);
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
            throw new HostError('BAD_REQUEST', 'Send the package file as the body (application/octet-stream)');
        }
        const result = await extensions.install(new Uint8Array(request.body), (p) => {
            void hub.publish({ users: [user.id] }, 'extension.install.progress', p);
        });
        reply.code(result.previousVersion ? 200 : 201);
        return result;
    });

    server.delete('/api/admin/extensions/:id', async (request, reply) => {
        requireAdmin(request);
        const { id } = request.params as { id: string };
        await extensions.uninstall(id, (request.query as { purge?: string }).purge === 'true');
        reply.code(204);
    });

    /** The SMTP server scripts send mail through; the password is answered only as { set }. */
    server.get('/api/admin/mail-settings', async (request) => {
        requireAdmin(request);
        return { settings: await mail.view() };
    });

    server.put('/api/admin/mail-settings', async (request) => {
        requireAdmin(request);
        return { settings: await mail.save(request.body) };
    });

    server.get('/api/notifications', async (request) => {
        const user = requireUser(request);
        return { notifications: await store.system.notifications.forUser(user.id, 50) };
    });
}
