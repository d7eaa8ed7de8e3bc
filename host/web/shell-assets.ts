/**
 * The shell's page and its bundled script and stylesheet. Every path outside `/api/` and
 * `/web/` answers the same page; the browser client routes by path.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { HostError } from '../errors';

// The client is bundled by webpack into build/web/. This file runs from build/host/web/ after
// `npm run build`, and from host/web/ under ts-jest, so both places are tried.
const assetDirs = [path.resolve(__dirname, '../../web'), path.resolve(__dirname, '../../build/web')];

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>BRIX</title>
<link rel="stylesheet" href="/web/shell.css">
</head>
<body>
<div id="app" aria-live="polite"></div>
<script src="/web/shell.js"></script>
</body>
</html>
`;

const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export function registerShellAssets(server: FastifyInstance): void {
    const dir = assetDirs.find((d) => fs.existsSync(path.join(d, 'shell.js')));

    server.get('/web/:file', async (request, reply) => {
        const { file } = request.params as { file: string };
        const type = types[path.extname(file)];
        const full = dir && type ? path.join(dir, path.basename(file)) : undefined;
        if (!full || !fs.existsSync(full)) throw new HostError('NOT_FOUND', `No asset ${file}${dir ? '' : ' (run npm run build)'}`);
        reply.header('content-type', type);
        return reply.send(fs.readFileSync(full));
    });

    const sendPage = async (_request: unknown, reply: import('fastify').FastifyReply) => reply.type('text/html; charset=utf-8').send(page);
    server.get('/', sendPage);
    server.get('/login', sendPage);
    server.get('/admin', sendPage);
    server.get('/apps/*', sendPage);
    server.get('/widgets/*', sendPage);
}
