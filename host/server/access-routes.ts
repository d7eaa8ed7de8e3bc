/**
 * `GET /api/apps/<namespace>/<app>/access`: who may read, create, update, delete and export
 * the app's items, the manifest's defaults, and the groups there are to choose from.
 * `PUT` with `{ access: { read: [...], ... } }` changes it, `{ access: null }` goes back to
 * the defaults. Administrators only; they always may do everything themselves.
 */
import type { FastifyInstance } from 'fastify';
import { HostError } from '../errors';
import type { AppAccess } from '../runtime/app-access';
import type { AppItems } from '../runtime/app-items';
import type { Store } from '../store/store';
import { requireUser } from './auth';
import { ADMIN_GROUP, isAdmin } from './permissions';

export function registerAccessRoutes(server: FastifyInstance, store: Store, items: AppItems, access: AppAccess, changed: (extensionId: string) => void): void {
    const resolve = (request: { params: unknown }, user: ReturnType<typeof requireUser>) => {
        if (!isAdmin(user)) throw new HostError('FORBIDDEN', 'Only administrators change who may use an app');
        const { ns, app } = request.params as { ns: string; app: string };
        const key = `${ns}.${app}`;
        if (!items.has(key)) throw new HostError('NOT_FOUND', `No app ${key}`);
        return key;
    };
    const describe = async (key: string) => ({
        ...access.describe(key),
        // Administrators may do everything anyway; listing them would only confuse.
        groups: (await store.system.groups.list()).filter((g) => g.code !== ADMIN_GROUP).map((g) => ({ code: g.code, name: g.name })),
    });

    server.get('/api/apps/:ns/:app/access', async (request) => describe(resolve(request, requireUser(request))));

    server.put('/api/apps/:ns/:app/access', async (request) => {
        const key = resolve(request, requireUser(request));
        const body = request.body as { access?: unknown } | null;
        if (typeof body !== 'object' || body === null || !('access' in body)) throw new HostError('BAD_REQUEST', 'The body is { access: {...} } or { access: null }');
        await access.set(key, body.access);
        changed(items.app(key).extensionId);
        return describe(key);
    });
}
