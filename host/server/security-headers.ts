/**
 * Headers every answer carries so a browser limits what a page of the host may do: scripts
 * only from the host's own files (no inline script, so injected markup cannot run code),
 * no framing by other sites, no MIME sniffing, and no full addresses leaked to other sites.
 * Styles may be inline because widget templates carry their own `<style>`; `eval` is
 * allowed because the shell evaluates widget bundles with per-mount globals.
 */
import type { FastifyInstance } from 'fastify';

const contentSecurityPolicy = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
].join('; ');

const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
};

export function registerSecurityHeaders(server: FastifyInstance): void {
    server.addHook('onSend', async (_request, reply, payload) => {
        // An extension's own route may answer with its own policy; it is not overridden.
        for (const [name, value] of Object.entries(headers)) if (!reply.hasHeader(name)) reply.header(name, value);
        return payload;
    });
}
