/**
 * The generic item API: `/api/apps/<namespace>/<app>/items[/<id>]`, permission-checked
 * per group on the server for every call.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HostError } from '../errors';
import type { FieldManifest, PermissionAction } from '../manifest/schema';
import type { AppItems, InstalledApp } from '../runtime/app-items';
import type { CompareOp, Filter, Query } from '../store/store';
import { requireUser } from './auth';
import { allowedActions, can } from './permissions';

interface AppParams {
    ns: string;
    app: string;
    id?: string;
}

const ops: CompareOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like'];
const baseFields: Record<string, FieldManifest['type']> = {
    __id: 'STRING', __name: 'STRING', __createdAt: 'DATETIME', __updatedAt: 'DATETIME', __createdBy: 'SYS_USER',
    __updatedBy: 'SYS_USER', __deletedAt: 'DATETIME', __status: 'STRING',
};

/** The type of a field a list may filter or sort by; a secret is never one. */
function fieldType(app: InstalledApp, code: string): FieldManifest['type'] {
    const field = app.manifest.fields.find((f) => f.code === code);
    const type = baseFields[code] ?? field?.type;
    if (!type) throw new HostError('BAD_REQUEST', `Unknown field ${code}`, { field: code });
    if (field?.secret) throw new HostError('BAD_REQUEST', `${code} is secret: lists neither filter nor sort by it`, { field: code });
    return type;
}

/** What an item answer says of a secret; sent back unchanged by a form, it changes nothing. */
const isSecretEcho = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { set?: unknown }).set === 'boolean';

/**
 * The values a person may write through the item API: fields the extension's scripts own
 * are refused (their changes go through the extension's own actions, with its checks).
 */
function writableValues(app: InstalledApp, values: Record<string, unknown>): Record<string, unknown> {
    const problems: Record<string, string> = {};
    const out: Record<string, unknown> = {};
    for (const [code, value] of Object.entries(values)) {
        const field = app.manifest.fields.find((f) => f.code === code);
        if (field?.readonly) problems[code] = 'is set by the extension and cannot be changed here';
        else if (!(field?.secret && isSecretEcho(value))) out[code] = value;
    }
    if (Object.keys(problems).length) throw new HostError('VALIDATION_FAILED', `Some values of ${app.manifest.name} cannot be changed here`, { fields: problems });
    return out;
}

/** A query-string value in the form the store compares: numbers, booleans and moments parsed. */
function queryValue(type: FieldManifest['type'], raw: string, field: string): unknown {
    if (raw === '') return null;
    switch (type) {
        case 'INTEGER': case 'FLOAT': case 'DURATION': {
            const n = Number(raw);
            if (!Number.isFinite(n)) throw new HostError('BAD_REQUEST', `${field} needs a number`, { field });
            return n;
        }
        case 'BOOLEAN':
            if (raw !== 'true' && raw !== 'false') throw new HostError('BAD_REQUEST', `${field} needs true or false`, { field });
            return raw === 'true';
        case 'DATETIME': {
            const ms = Date.parse(raw);
            if (!Number.isFinite(ms)) throw new HostError('BAD_REQUEST', `${field} needs a date and time`, { field });
            return ms;
        }
        default:
            return raw;
    }
}

function intParam(raw: unknown, name: string, fallback: number, min: number, max: number): number {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new HostError('BAD_REQUEST', `${name} must be a whole number from ${min} to ${max}`);
    return n;
}

/** Reads `q`, `f.<field>[.<op>]=value`, `sort=field:asc,field2:desc`, `from`, `size`, `deleted=true`. */
export function listQuery(app: InstalledApp, query: Record<string, string | string[]>): Query {
    const filters: Filter[] = [];
    for (const [key, rawValue] of Object.entries(query)) {
        if (!key.startsWith('f.')) continue;
        const [field, op = 'eq'] = key.slice(2).split('.');
        if (!ops.includes(op as CompareOp)) throw new HostError('BAD_REQUEST', `Unknown comparison ${op}`);
        const type = fieldType(app, field);
        const values = (Array.isArray(rawValue) ? rawValue : [rawValue]).map((v) => queryValue(type, v, field));
        filters.push(values.length > 1 && op === 'eq'
            ? { kind: 'in', field, values }
            : { kind: 'cmp', field, op: op as CompareOp, value: values[0] });
    }
    const q = typeof query.q === 'string' ? query.q.trim() : '';
    if (q) filters.push({ kind: 'fts', text: q });
    const sort = (typeof query.sort === 'string' && query.sort ? query.sort.split(',') : ['__createdAt:desc']).map((s) => {
        const [field, dir = 'asc'] = s.split(':');
        fieldType(app, field);
        if (dir !== 'asc' && dir !== 'desc') throw new HostError('BAD_REQUEST', `Sort direction must be asc or desc, got ${dir}`);
        return { field, asc: dir === 'asc' };
    });
    const deleted = query.deleted === 'true';
    if (deleted) filters.push({ kind: 'cmp', field: '__deletedAt', op: 'neq', value: null });
    return {
        where: filters.length ? { kind: 'and', items: filters } : undefined,
        sort: [...sort, { field: '__id', asc: true }],
        from: intParam(query.from, 'from', 0, 0, Number.MAX_SAFE_INTEGER),
        size: intParam(query.size, 'size', 20, 1, 10_000),
        withDeleted: deleted,
    };
}

export function registerItemRoutes(server: FastifyInstance, items: AppItems): void {
    const resolve = (request: FastifyRequest, action: PermissionAction) => {
        const user = requireUser(request);
        const { ns, app: code } = request.params as AppParams;
        const key = `${ns}.${code}`;
        if (!items.has(key)) throw new HostError('NOT_FOUND', `No app ${key}`);
        const app = items.app(key);
        if (!can(user, app, action)) throw new HostError('FORBIDDEN', `You may not ${action} items of ${app.manifest.name}`);
        if (action === 'read' && (request.query as Record<string, string>).deleted === 'true' && !app.manifest.showDeleted) {
            throw new HostError('FORBIDDEN', `${app.manifest.name} does not show deleted items`);
        }
        return { user, app, key };
    };
    const body = (request: FastifyRequest): Record<string, unknown> => {
        const b = request.body;
        if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new HostError('BAD_REQUEST', 'The body must be a JSON object of field values');
        return b as Record<string, unknown>;
    };

    server.get('/api/apps/:ns/:app', async (request) => {
        const { user, app, key } = resolve(request, 'read');
        return { key, namespace: app.namespace, extension: app.extensionId, ...app.manifest, allowed: allowedActions(user, app) };
    });

    server.get('/api/apps/:ns/:app/items', async (request) => {
        const { app, key } = resolve(request, 'read');
        const query = listQuery(app, request.query as Record<string, string>);
        const [rows, total] = await Promise.all([items.find(key, query), items.count(key, query)]);
        return { items: rows.map((r) => items.json(key, r)), total, from: query.from, size: query.size };
    });

    server.post('/api/apps/:ns/:app/items', async (request, reply) => {
        const { user, app, key } = resolve(request, 'create');
        const row = await items.create(key, writableValues(app, body(request)), user.id);
        reply.code(201);
        return items.json(key, row);
    });

    server.get('/api/apps/:ns/:app/items/:id', async (request) => {
        const { key } = resolve(request, 'read');
        const row = await items.get(key, (request.params as AppParams).id!);
        if (!row) throw new HostError('NOT_FOUND', 'No such item');
        return items.json(key, row);
    });

    server.patch('/api/apps/:ns/:app/items/:id', async (request) => {
        const { user, app, key } = resolve(request, 'update');
        return items.json(key, await items.update(key, (request.params as AppParams).id!, writableValues(app, body(request)), user.id));
    });

    server.post('/api/apps/:ns/:app/items/:id/status', async (request) => {
        const { user, key } = resolve(request, 'update');
        const status = body(request).status;
        if (typeof status !== 'string') throw new HostError('VALIDATION_FAILED', 'status is required', { fields: { status: 'is required' } });
        return items.json(key, await items.setStatus(key, (request.params as AppParams).id!, status, user.id));
    });

    server.delete('/api/apps/:ns/:app/items/:id', async (request, reply) => {
        const { user, key } = resolve(request, 'delete');
        await items.remove(key, (request.params as AppParams).id!, user.id);
        reply.code(204);
    });
}
