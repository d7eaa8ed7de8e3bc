/**
 * Script files extensions offer to other sites (manifest `embeds`), e.g. a chat bubble a
 * site adds with `<script src="<host>/webchat/<channel>.js">`. They are served without
 * sign-in to any site, as a CDN would, and matched after every route of the host, since
 * extensions come and go while it runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Extensions } from '../runtime/extensions';
import { matchPath } from '../server/extension-routes';

/** Serves the embed the request asks for; false when no embed matches, so the caller answers 404. */
export function serveEmbed(extensions: Extensions, request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const requested = request.url.split('?')[0];
    for (const extension of extensions.active()) {
        for (const embed of extension.manifest.embeds) {
            if (!matchPath(embed.path, requested)) continue;
            const file = extension.descriptor.services.embeds?.[embed.code];
            if (!file) continue;
            const full = path.resolve(extension.dir, file);
            if (!full.startsWith(path.resolve(extension.dir) + path.sep) || !fs.existsSync(full)) continue;
            reply.header('content-type', 'text/javascript; charset=utf-8');
            // Short: an upgrade of the extension reaches the sites within minutes.
            reply.header('cache-control', 'public, max-age=300');
            reply.header('cross-origin-resource-policy', 'cross-origin');
            reply.header('access-control-allow-origin', '*');
            void reply.send(fs.readFileSync(full));
            return true;
        }
    }
    return false;
}
