/**
 * The fastify instance: body parsing that keeps the raw text, one error format for every
 * failure, and the route groups.
 */
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { errorBody, HostError } from '../errors';
import type { AppItems } from '../runtime/app-items';
import type { Extensions } from '../runtime/extensions';
import type { FileLinks } from '../runtime/file-links';
import { ApiError } from '../runtime/http-response';
import type { Logger } from '../runtime/logger';
import type { RealtimeHub } from '../runtime/realtime-hub';
import type { ScriptRunner } from '../runtime/script-runner';
import type { Store } from '../store/store';
import { registerWebShell } from '../web/web-shell';
import { registerAdminRoutes } from './admin-routes';
import { registerAuth } from './auth';
import { registerExtensionRoutes } from './extension-routes';
import { registerItemRoutes } from './items-routes';
import { openApiDocument } from './openapi';
import { registerRealtimeSocket } from './realtime-socket';

export interface ServerParts {
    store: Store;
    items: AppItems;
    extensions: Extensions;
    runner: ScriptRunner;
    hub: RealtimeHub;
    logger: Logger;
    /** Uploaded files and their signed links. */
    files: FileLinks;
    /** Adds more routes (the web shell) before the server starts. */
    extra?: (server: FastifyInstance) => void;
}

/** Maps fastify's own errors onto the catalogue. */
function classify(error: FastifyError | HostError | ApiError | Error): { status: number; code: string; message: string; details?: unknown } {
    if (error instanceof HostError || error instanceof ApiError) {
        return { status: error.status, code: error.code, message: error.message, details: error.details };
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The body is too large' };
    if (fe.validation || (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)) {
        return { status: fe.statusCode ?? 400, code: 'BAD_REQUEST', message: fe.message };
    }
    return { status: 500, code: 'INTERNAL', message: 'Something went wrong on the server' };
}

export async function buildServer(parts: ServerParts): Promise<FastifyInstance> {
    const server: FastifyInstance = Fastify({ loggerInstance: parts.logger as FastifyBaseLogger, bodyLimit: 1_048_576, logController: new LogController({ disableRequestLogging: true }) });
    await server.register(cookie);
    await server.register(websocket);

    server.removeContentTypeParser('application/json');
    server.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
        const text = body as string;
        request.rawBody = text;
        if (text.trim() === '') return done(null, undefined);
        try {
            done(null, JSON.parse(text));
        } catch {
            done(new HostError('BAD_REQUEST', 'The body is not valid JSON'), undefined);
        }
    });
    server.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: 64 * 1024 * 1024 }, (_request, body, done) => done(null, body));

    server.setErrorHandler((error: FastifyError, request, reply) => {
        const e = classify(error);
        if (e.status >= 500) request.log.error({ err: error, url: request.url }, 'request failed');
        reply.code(e.status).send(errorBody(e.code, e.message, e.details));
    });
    server.setNotFoundHandler((request, reply) => {
        reply.code(404).send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`));
    });

    registerAuth(server, parts.store);
    registerAdminRoutes(server, parts.store, parts.extensions, parts.hub);
    registerItemRoutes(server, parts.items);
    server.get('/api/openapi.json', async () => openApiDocument(parts.items, parts.extensions));
    registerRealtimeSocket(server, parts.hub);
    registerExtensionRoutes(server, parts.extensions, parts.runner);
    registerWebShell(server, { store: parts.store, items: parts.items, extensions: parts.extensions, runner: parts.runner, logger: parts.logger, files: parts.files });
    parts.extra?.(server);
    return server;
}
