/**
 * What the browser needs to mount an extension widget: its descriptor from the manifest
 * (`GET /api/widgets/:ext/:widget`) and its browser bundle from the installed package
 * (`GET /web/widgets/:ext/:widget.js`). RPC calls go to the route in server/extension-routes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { HostError } from '../errors';
import type { Extensions } from '../runtime/extensions';
import { requireUser } from '../server/auth';

export function registerWidgetBundles(server: FastifyInstance, extensions: Extensions): void {
    const find = (ext: string, code: string) => {
        const extension = extensions.get(ext);
        const widget = extension?.manifest.widgets.find((w) => w.code === code);
        if (!extension || !widget) throw new HostError('NOT_FOUND', `No widget ${code} in ${ext}`);
        return { extension, widget };
    };

    server.get('/api/widgets/:ext/:widget', async (request) => {
        requireUser(request);
        const { ext, widget: code } = request.params as { ext: string; widget: string };
        const { extension, widget } = find(ext, code);
        const api = Object.fromEntries(extension.manifest.api.map((m) => [m.code, m.method]));
        return { extension: ext, namespace: extension.manifest.namespace, ...widget, api };
    });

    server.get('/web/widgets/:ext/:file', async (request, reply) => {
        requireUser(request);
        const { ext, file } = request.params as { ext: string; file: string };
        const { extension, widget } = find(ext, file.replace(/\.js$/, ''));
        const bundle = extension.descriptor.services.widgets?.[widget.code];
        if (!bundle) throw new HostError('NOT_FOUND', `Widget ${widget.code} has no browser bundle in its package`);
        const full = path.resolve(extension.dir, bundle);
        if (!full.startsWith(path.resolve(extension.dir) + path.sep) || !fs.existsSync(full)) throw new HostError('NOT_FOUND', 'No such bundle');
        reply.header('content-type', 'text/javascript; charset=utf-8');
        reply.header('cache-control', 'no-cache');
        return reply.send(fs.readFileSync(full));
    });
}
