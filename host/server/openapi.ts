/**
 * The OpenAPI 3 document of the HTTP API: the host's own routes, and for each installed
 * app its item endpoints, for each extension its API methods and public routes.
 */
import type { FieldManifest } from '../manifest/schema';
import type { AppItems } from '../runtime/app-items';
import type { Extensions } from '../runtime/extensions';
import { HOST_VERSION } from '../runtime/extensions';

type Json = Record<string, unknown>;

const errorRef = { $ref: '#/components/schemas/Error' };
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: 'Error', content: { 'application/json': { schema: errorRef } } }]));
const ok = (description: string, schema: Json = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });

function fieldSchema(field: FieldManifest): Json {
    const one: Json = (() => {
        switch (field.type) {
            case 'STRING': case 'TEXT': return { type: 'string' };
            case 'INTEGER': return { type: 'integer' };
            case 'FLOAT': case 'DURATION': return { type: 'number' };
            case 'BOOLEAN': return { type: 'boolean' };
            case 'DATETIME': return { type: 'string', format: 'date-time' };
            case 'DATE': return { type: 'string', format: 'date' };
            case 'ENUM': return { type: 'string', enum: field.options?.map((o) => o.code) };
            case 'SYS_USER': case 'SYS_COLLECTION': return { type: 'string', description: 'id' };
            default: return {};
        }
    })();
    const described = field.multiple ? { type: 'array', items: one, description: field.name } : { ...one, description: field.name };
    // A secret is sent, never answered (answers say only { set }); a script-owned field is only answered.
    if (field.secret) return { ...described, writeOnly: true, description: `${field.name} (secret: answers carry only { "set": true|false })` };
    if (field.readonly) return { ...described, readOnly: true, description: `${field.name} (set by the extension)` };
    return described;
}

/** A declared request schema as OpenAPI: a JSON body, or query parameters for GET. */
function requestOf(method: string, schema: Json | undefined): Json {
    if (!schema) return {};
    if (method !== 'GET') return { requestBody: { required: true, content: { 'application/json': { schema } } } };
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const required = (schema.required ?? []) as string[];
    return { parameters: Object.entries(properties).map(([name, s]) => ({ name, in: 'query', required: required.includes(name), schema: s })) };
}

export function openApiDocument(items: AppItems, extensions: Extensions): Json {
    const paths: Json = {
        '/api/health': { get: { summary: 'Host status and installed extensions', responses: { 200: ok('Status') } } },
        '/api/auth/login': { post: { summary: 'Sign in; sets the session cookie', requestBody: { content: { 'application/json': { schema: { type: 'object', required: ['login', 'password'], properties: { login: { type: 'string' }, password: { type: 'string' } } } } } }, responses: { 200: ok('Signed in'), ...errors(400, 401) } } },
        '/api/auth/logout': { post: { summary: 'Sign out', responses: { 200: ok('Signed out') } } },
        '/api/auth/me': { get: { summary: 'The signed-in user', responses: { 200: ok('User'), ...errors(401) } } },
        '/api/admin/extensions': {
            get: { summary: 'Installed extensions', responses: { 200: ok('Extensions'), ...errors(401, 403) } },
            post: { summary: 'Install or upgrade a package (.e365 bytes)', requestBody: { content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, responses: { 200: ok('Upgraded'), 201: ok('Installed'), ...errors(400, 401, 403, 409, 413) } },
        },
        '/api/admin/mail-settings': {
            get: { summary: 'Outgoing mail (SMTP) settings; the password only as { set }', responses: { 200: ok('Settings'), ...errors(401, 403) } },
            put: {
                summary: 'Changes the outgoing mail settings; absent fields (the password too) keep their values',
                requestBody: { content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: {
                    host: { type: 'string' }, port: { type: 'integer', minimum: 1, maximum: 65535 }, security: { type: 'string', enum: ['none', 'starttls', 'tls'] },
                    user: { type: ['string', 'null'] }, password: { type: ['string', 'null'], writeOnly: true }, from: { type: 'string', format: 'email' },
                    timeoutMs: { type: 'integer', minimum: 1000, maximum: 120000 },
                } } } } },
                responses: { 200: ok('Saved'), ...errors(400, 401, 403) },
            },
        },
        '/api/notifications': { get: { summary: "The user's latest notifications", responses: { 200: ok('Notifications'), ...errors(401) } } },
    };
    const schemas: Json = {
        Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } } },
    };
    for (const app of items.all()) {
        const [ns, code] = app.table.key.split('.');
        const name = `${ns}_${code}`;
        schemas[name] = {
            type: 'object',
            properties: { __id: { type: 'string' }, __name: { type: 'string' }, ...Object.fromEntries(app.manifest.fields.map((f) => [f.code, fieldSchema(f)])) },
            required: ['__name', ...app.manifest.fields.filter((f) => f.required).map((f) => f.code)],
        };
        const item = { $ref: `#/components/schemas/${name}` };
        const base = `/api/apps/${ns}/${code}/items`;
        const query = ['q', 'sort', 'from', 'size', 'deleted'].map((n) => ({ name: n, in: 'query', schema: { type: 'string' } }));
        paths[base] = {
            get: { summary: `List ${app.manifest.name}`, parameters: query, responses: { 200: ok('Items', { type: 'object', properties: { items: { type: 'array', items: item }, total: { type: 'integer' } } }), ...errors(400, 401, 403) } },
            post: { summary: `Create in ${app.manifest.name}`, requestBody: { content: { 'application/json': { schema: item } } }, responses: { 201: ok('Created', item), ...errors(400, 401, 403) } },
        };
        const idParam = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
        paths[`${base}/{id}`] = {
            get: { summary: `One item of ${app.manifest.name}`, parameters: idParam, responses: { 200: ok('Item', item), ...errors(401, 403, 404) } },
            patch: { summary: `Update an item of ${app.manifest.name}`, parameters: idParam, requestBody: { content: { 'application/json': { schema: item } } }, responses: { 200: ok('Updated', item), ...errors(400, 401, 403, 404) } },
            delete: { summary: `Delete an item of ${app.manifest.name}`, parameters: idParam, responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) } },
        };
    }
    for (const ext of extensions.active()) {
        for (const m of ext.manifest.api) {
            paths[`/api/extensions/${ext.manifest.namespace}/${m.code}`] = {
                [m.method.toLowerCase()]: {
                    summary: m.description ?? m.code, tags: [ext.id], ...requestOf(m.method, m.request),
                    responses: { 200: ok('Result'), ...errors(400, 401, 403, 404, 409) },
                },
            };
        }
        for (const r of ext.manifest.routes) {
            const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
            const pathParameters = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
            const request = requestOf(r.method, r.request);
            paths[path] = {
                [r.method.toLowerCase()]: {
                    summary: r.description ?? r.script, tags: [ext.id], security: [], ...request,
                    parameters: [...pathParameters, ...((request.parameters as Json[] | undefined) ?? [])],
                    responses: { 200: ok('Accepted'), ...errors(400, 401, 404, 413, 500) },
                },
            };
        }
    }
    return {
        openapi: '3.0.3',
        info: { title: 'BRIX host API', version: HOST_VERSION },
        components: { schemas, securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'brix_session' } } },
        security: [{ session: [] }],
        paths,
    };
}
