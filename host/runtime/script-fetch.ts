/**
 * The `fetch` scripts see: Node's own, with the SDK's `timeout` option (default 30 s) so
 * a peer that never answers cannot hold a script, a timer or a webhook forever.
 */
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

interface ScriptFetchInit {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeout?: number;
}

export function scriptFetch(native: (url: string, init: RequestInit) => Promise<Response>): (url: string, init?: ScriptFetchInit) => Promise<Response> {
    return (url, init = {}) => {
        const { timeout, ...rest } = init;
        const ms = typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_FETCH_TIMEOUT_MS;
        return native(url, { ...rest, signal: AbortSignal.timeout(ms) });
    };
}
