/**
 * The fastify instance: body parsing that keeps the raw text, one error format for every
 * failure, and the route groups.
 */
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { HostError } from '../errors';
import type { AppItems } from '../runtime/app-items';
import type { AppAccess } from '../runtime/app-access';
import type { Extensions } from '../runtime/extensions';
import type { FileLinks } from '../runtime/file-links';
import type { Logger } from '../runtime/logger';
import type { MailSender } from '../runtime/mail-sender';
import type { RealtimeHub } from '../runtime/realtime-hub';
import type { ScriptRunner } from '../runtime/script-runner';
import type { Store } from '../store/store';
import { defaultUploadLimits, type UploadLimits } from '../web/upload-limits';
import { serveEmbed } from '../web/embeds';
import { registerWebShell } from '../web/web-shell';
import { registerAdminRoutes } from './admin-routes';
import { registerAuth } from './auth';
import { registerExtensionRoutes } from './extension-routes';
import { answerError, answerNotFound, clientErrorAnswer } from './framework-errors';
import type { LoginThrottleSettings } from './login-throttle';
import { registerExportRoutes } from './export-routes';
import { registerAccessRoutes } from './access-routes';
import { registerItemRoutes } from './items-routes';
import { registerOriginChecks } from './origin-checks';
import { openApiDocument } from './openapi';
import { registerGuestSockets } from './guest-sockets';
import { registerRealtimeSocket } from './realtime-socket';
import { registerSecurityHeaders } from './security-headers';

export interface ServerParts {
    store: Store;
    items: AppItems;
    /** Administrators' changes to who may use an app, and how the other instances hear of one. */
    access: { apps: AppAccess; changed: (extensionId: string) => void };
    extensions: Extensions;
    runner: ScriptRunner;
    hub: RealtimeHub;
    logger: Logger;
    /** Uploaded files and their signed links. */
    files: FileLinks;
    /** Outgoing mail and its settings. */
    mail: MailSender;
    /** Adds more routes (the web shell) before the server starts. */
    extra?: (server: FastifyInstance) => void;
    /** The address clients reach the host at: its origin is the only one trusted. */
    baseUrl: () => string;
    throttle?: Partial<LoginThrottleSettings>;
    /** Trust `X-Forwarded-*` from a reverse proxy (fastify's `trustProxy`). */
    trustProxy?: boolean | string;
    uploads?: Partial<UploadLimits>;
}

export async function buildServer(parts: ServerParts): Promise<FastifyInstance> {
    const server: FastifyInstance = Fastify({
        loggerInstance: parts.logger as FastifyBaseLogger, bodyLimit: 1_048_576, logController: new LogController({ disableRequestLogging: true }),
        frameworkErrors: answerError, clientErrorHandler: clientErrorAnswer(parts.logger), trustProxy: parts.trustProxy ?? false,
    });
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

    server.setErrorHandler(answerError);
    // Embeds have paths of their own outside /api: they are tried before answering 404.
    server.setNotFoundHandler((request, reply) => {
        if (!serveEmbed(parts.extensions, request, reply)) answerNotFound(request, reply);
    });

    registerSecurityHeaders(server);
    registerAuth(server, parts.store, parts.hub, { baseUrl: parts.baseUrl, throttle: parts.throttle });
    registerOriginChecks(server, parts.baseUrl);
    registerAdminRoutes(server, parts.store, parts.extensions, parts.hub, parts.mail);
    registerItemRoutes(server, parts.items);
    registerExportRoutes(server, parts.store, parts.items, parts.hub);
    registerAccessRoutes(server, parts.store, parts.items, parts.access.apps, parts.access.changed);
    server.get('/api/openapi.json', async () => openApiDocument(parts.items, parts.extensions));
    registerRealtimeSocket(server, parts.hub);
    registerGuestSockets(server, {
        extensions: parts.extensions, runner: parts.runner, hub: parts.hub, logger: parts.logger, store: parts.store,
        filesDir: parts.files.filesDir, totalUploadBytes: { ...defaultUploadLimits, ...parts.uploads }.totalBytes,
    });
    registerExtensionRoutes(server, parts.extensions, parts.runner);
    registerWebShell(server, { store: parts.store, items: parts.items, extensions: parts.extensions, runner: parts.runner, logger: parts.logger, files: parts.files, uploads: parts.uploads });
    parts.extra?.(server);
    return server;
}
