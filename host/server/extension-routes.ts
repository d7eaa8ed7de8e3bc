/**
 * Calls into extensions over HTTP: module API methods for signed-in users at
 * `/api/extensions/<namespace>/<code>`, public routes at the paths their manifest
 * declares, and widget server methods. Extensions can be installed while the host runs,
 * so their routes are matched here rather than registered with fastify.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HostError } from '../errors';
import type { LoadedExtension } from '../runtime/extension-bundle';
import type { Extensions } from '../runtime/extensions';
import { HttpResponse } from '../runtime/http-response';
import type { ScriptRunner } from '../runtime/script-runner';
import { requireUser } from './auth';

declare module 'fastify' {
    interface FastifyRequest {
        rawBody?: string;
    }
}

/** Matches `/api/a/:id/b` against a path; the params, or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
    const want = pattern.split('/');
    const got = path.split('/');
    if (want.length !== got.length) return undefined;
    const params: Record<string, string> = {};
    for (let i = 0; i < want.length; i++) {
        if (want[i].startsWith(':')) {
            if (!got[i]) return undefined;
            params[want[i].slice(1)] = decodeURIComponent(got[i]);
        } else if (want[i] !== got[i]) {
            return undefined;
        }
    }
    return params;
}

function apiRequest(request: FastifyRequest, params: Record<string, string>) {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers)) if (typeof v === 'string') headers[k] = v;
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.query as Record<string, string | string[]>)) query[k] = Array.isArray(v) ? v[v.length - 1] : v;
    return {
        method: request.method,
        path: request.url.split('?')[0],
        params,
        query,
        headers,
        body: request.body,
        rawBody: request.rawBody ?? '',
    };
}

function send(reply: FastifyReply, result: unknown): FastifyReply {
    if (!(result instanceof HttpResponse)) {
        throw new HostError('SCRIPT_FAILED', 'An API method must return an HttpResponse');
    }
    reply.code(result.statusCode).headers(result.headers);
    if (result.streamBody) {
        const body = Readable.from(result.streamBody, { objectMode: false });
        // Headers are out by then: a failure can only end the answer early (the runner logged it).
        body.on('error', () => reply.raw.destroy());
        return reply.send(body);
    }
    return reply.send(result.body ?? '');
}

export function registerExtensionRoutes(server: FastifyInstance, extensions: Extensions, runner: ScriptRunner): void {
    const run = (extension: LoadedExtension, script: string, userId: string | null, request: FastifyRequest, params: Record<string, string>) =>
        runner.run({ extension, script, userId, data: {} }, undefined, apiRequest(request, params));

    server.route({
        method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        url: '/api/extensions/:ns/:code',
        handler: async (request, reply) => {
            const user = requireUser(request);
            const { ns, code } = request.params as { ns: string; code: string };
            const extension = extensions.byNamespace(ns);
            const method = extension?.manifest.api.find((m) => m.code === code);
            if (!extension || !method) throw new HostError('NOT_FOUND', `No API method ${ns}/${code}`);
            if (method.method !== request.method) throw new HostError('NOT_FOUND', `${ns}/${code} answers ${method.method}`);
            return send(reply, await run(extension, method.script, user.id, request, {}));
        },
    });

    server.post('/api/widgets/:ext/:widget/rpc/:method', async (request) => {
        const user = requireUser(request);
        const { ext, widget, method } = request.params as { ext: string; widget: string; method: string };
        const extension = extensions.get(ext);
        const fn = extension?.widgets[widget]?.[method];
        const declared = extension?.manifest.widgets.find((w) => w.code === widget)?.rpc.includes(method);
        if (!extension || typeof fn !== 'function' || !declared) throw new HostError('NOT_FOUND', `No method ${method} in widget ${widget}`);
        const context = (request.body as { context?: unknown } | undefined)?.context;
        const data = typeof context === 'object' && context !== null && !Array.isArray(context) ? { ...(context as Record<string, unknown>) } : {};
        await runner.run({ extension, script: `${widget}.${method}`, userId: user.id, data }, fn);
        return { context: data };
    });

    /**
     * Public routes of every active extension, matched after the host's own routes. Other
     * sites and servers call them by design (webhooks), so a request from another site is
     * not refused but runs without the user's cookie (origin-checks.ts).
     */
    server.all('/api/*', { config: { openToOtherSites: true } }, async (request, reply) => {
        const path = request.url.split('?')[0];
        for (const extension of extensions.active()) {
            for (const route of extension.manifest.routes) {
                const params = matchPath(route.path, path);
                if (!params || route.method !== request.method) continue;
                if (Buffer.byteLength(request.rawBody ?? '') > route.bodyLimit) {
                    throw new HostError('PAYLOAD_TOO_LARGE', `The body is larger than ${route.bodyLimit} bytes`);
                }
                return send(reply, await run(extension, route.script, request.user?.id ?? null, request, params));
            }
        }
        throw new HostError('NOT_FOUND', `No route ${request.method} ${path}`);
    });
}
