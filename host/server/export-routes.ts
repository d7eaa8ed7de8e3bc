/**
 * `GET /api/apps/<namespace>/<app>/export?format=csv|xlsx&system=1&filtered=1&names=1&<list
 * filter>`: the app's items as a file that streams, for administrators and the groups the
 * app's manifest lists under `export`. `X-Total-Count` says how many items the file will
 * hold; with `progress=<id>` the user's tabs also get `export.progress` pushes
 * (`{ id, rows, total }`) as rows are written, since a compressed body cannot be counted
 * by its reader.
 */
import type { FastifyInstance } from 'fastify';
import { HostError } from '../errors';
import type { AppItems } from '../runtime/app-items';
import type { RealtimeHub } from '../runtime/realtime-hub';
import { ItemExport, type ExportFormat } from '../runtime/export/item-export';
import type { Store } from '../store/store';
import { requireUser } from './auth';
import { listQuery } from './items-routes';
import { can } from './permissions';

/** A yes/no option: absent, `0` or `1`. */
function flag(query: Record<string, string | string[]>, name: string): boolean {
    const value = query[name];
    if (value === undefined || value === '0' || value === 'false') return false;
    if (value === '1' || value === 'true') return true;
    throw new HostError('BAD_REQUEST', `${name} must be 1 or 0`, { field: name });
}

/** How often progress is pushed at most. */
const PROGRESS_EVERY_MS = 250;

export function registerExportRoutes(server: FastifyInstance, store: Store, items: AppItems, hub: RealtimeHub): void {
    const exporter = new ItemExport(store, items);
    server.get('/api/apps/:ns/:app/export', async (request, reply) => {
        const user = requireUser(request);
        const { ns, app: code } = request.params as { ns: string; app: string };
        const key = `${ns}.${code}`;
        if (!items.has(key)) throw new HostError('NOT_FOUND', `No app ${key}`);
        const app = items.app(key);
        if (!can(user, app, 'export')) throw new HostError('FORBIDDEN', `You may not export items of ${app.manifest.name}`);
        const query = request.query as Record<string, string | string[]>;
        const format = query.format;
        if (format !== 'csv' && format !== 'xlsx') throw new HostError('BAD_REQUEST', 'format must be csv or xlsx', { field: 'format' });
        const filtered = flag(query, 'filtered');
        const options = { system: flag(query, 'system'), names: flag(query, 'names') };
        const list = filtered ? listQuery(app, query) : undefined;
        if (list?.withDeleted && !app.manifest.showDeleted) throw new HostError('FORBIDDEN', `${app.manifest.name} does not show deleted items`);
        const progressId = query.progress;
        if (progressId !== undefined && (typeof progressId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(progressId))) {
            throw new HostError('BAD_REQUEST', 'progress must be 1 to 64 letters, digits, - or _', { field: 'progress' });
        }
        let total = 0;
        let pushedAt = 0;
        const onProgress = progressId === undefined ? undefined : (rows: number) => {
            if (rows < total && Date.now() - pushedAt < PROGRESS_EVERY_MS) return;
            pushedAt = Date.now();
            void hub.publish({ users: [user.id] }, 'export.progress', { id: progressId, rows, total });
        };
        const file = await exporter.start({ key, format: format as ExportFormat, options, query: { where: list?.where, withDeleted: list?.withDeleted }, onProgress });
        total = file.total;
        reply.headers({
            'content-type': file.contentType,
            'content-disposition': `attachment; filename="${file.fileName}"`,
            'x-total-count': String(file.total),
            'cache-control': 'no-store',
        });
        return reply.send(file.body);
    });
}
