/**
 * Browsers attach the session cookie to requests another site starts (a form posted from
 * elsewhere, a page on another port of the same machine opening the WebSocket). Such a
 * request names its origin in `Origin` or `Sec-Fetch-Site`; whatever would change state or
 * open the socket is refused unless it comes from the host's own origin (from its base URL).
 * Requests with neither header come from programs, not from a page, and carry no
 * cookie a browser added on its own, so they pass.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HostError } from '../errors';

declare module 'fastify' {
    interface FastifyContextConfig {
        /**
         * Routes other sites may call by design (public routes extensions declare): a
         * request from another site passes but is handled as anonymous.
         */
        openToOtherSites?: boolean;
    }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a browser says the request comes from a page of another origin. */
export function fromOtherOrigin(request: FastifyRequest, ownOrigin: string): boolean {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin) return true;
    const site = request.headers['sec-fetch-site'];
    return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export function registerOriginChecks(server: FastifyInstance, baseUrl: () => string): void {
    server.addHook('onRequest', async (request) => {
        const ownOrigin = new URL(baseUrl()).origin;
        if (!fromOtherOrigin(request, ownOrigin)) return;
        if (request.routeOptions.config?.openToOtherSites) {
            request.user = null;
            request.loginSession = null;
            return;
        }
        if (!safeMethods.has(request.method) || request.ws) {
            throw new HostError('FORBIDDEN', `Requests from other sites are refused; use ${ownOrigin}`, { origin: request.headers.origin ?? null });
        }
    });
}
