/**
 * Path-based routing: same-origin links and `navigate()` change the path without a reload,
 * and the back button works. Each view may return a cleanup run when the next one opens.
 */
export type Cleanup = () => void;
export type View = (params: Record<string, string>, search: URLSearchParams) => Promise<Cleanup | void>;

interface Route {
    pattern: string[];
    view: View;
}

const routes: Route[] = [];
let current: Cleanup | void;
let fallback: View = async () => undefined;
let guard: (path: string) => boolean = () => true;

export function route(pattern: string, view: View): void {
    routes.push({ pattern: pattern.split('/').filter(Boolean), view });
}

export function otherwise(view: View): void {
    fallback = view;
}

/** Decides before each render whether the path may open (e.g. the user is signed in). */
export function beforeEach(check: (path: string) => boolean): void {
    guard = check;
}

function match(path: string): { view: View; params: Record<string, string> } {
    const parts = path.split('/').filter(Boolean);
    for (const r of routes) {
        if (r.pattern.length !== parts.length) continue;
        const params: Record<string, string> = {};
        if (r.pattern.every((p, i) => (p.startsWith(':') ? ((params[p.slice(1)] = decodeURIComponent(parts[i])), true) : p === parts[i]))) {
            return { view: r.view, params };
        }
    }
    return { view: fallback, params: {} };
}

export async function render(): Promise<void> {
    if (!guard(location.pathname)) return;
    current?.();
    current = undefined;
    const { view, params } = match(location.pathname);
    current = await view(params, new URLSearchParams(location.search));
}

export function navigate(path: string, replace = false): void {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
    void render();
}

export function startRouter(): void {
    window.addEventListener('popstate', () => void render());
    document.addEventListener('click', (event) => {
        const link = (event.target as Element).closest?.('a[href]') as HTMLAnchorElement | null;
        if (!link || link.target || link.hasAttribute('download') || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
        const url = new URL(link.href);
        if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
        event.preventDefault();
        navigate(url.pathname + url.search);
    });
}
