/**
 * `GET /api/workspaces`: the navigation the web shell draws, built from the workspaces the
 * installed manifests declare, with only the pages the signed-in user may open, plus the
 * pages a section's `pagesScript` adds for this user, and the widgets of the user menu.
 */
import type { FastifyInstance } from 'fastify';
import type { Manifest } from '../manifest/schema';
import type { AppItems } from '../runtime/app-items';
import type { LoadedExtension } from '../runtime/extension-bundle';
import type { Extensions } from '../runtime/extensions';
import type { Logger } from '../runtime/logger';
import type { ScriptRunner } from '../runtime/script-runner';
import { requireUser } from '../server/auth';
import { can, isAdmin } from '../server/permissions';
import type { UserRecord } from '../store/store';

type Page = NonNullable<Manifest['workspace']>['sections'][number]['pages'][number];
type Section = NonNullable<Manifest['workspace']>['sections'][number];

export interface NavPage {
    code: string;
    name: string;
    /** The shell path that opens the page, with the page's parameters as the query. */
    path: string;
}

export interface NavWorkspace {
    extension: string;
    code: string;
    name: string;
    sections: { code: string; name: string; pages: NavPage[] }[];
}

/** A widget the shell mounts in the user menu. */
export interface NavWidget {
    extension: string;
    widget: string;
}

export interface NavigationParts {
    extensions: Extensions;
    items: AppItems;
    runner: ScriptRunner;
    logger: Logger;
}

/** Whether the user sees a page: its groups when it lists them, otherwise read access to its app. */
function visible(user: UserRecord, manifest: Manifest, page: Page, items: AppItems): boolean {
    if (isAdmin(user)) return true;
    if (page.groups) return page.groups.some((g) => user.groups.includes(g));
    if (!page.app) return true;
    const key = `${manifest.namespace}.${page.app}`;
    return items.has(key) && can(user, items.app(key), 'read');
}

/** A widget page's settings travel as its query, the way a section script's page parameters do. */
function pagePath(extension: string, manifest: Manifest, page: Page): string {
    if (page.app) return `/apps/${manifest.namespace}/${page.app}`;
    const query = new URLSearchParams(Object.entries(page.settings ?? {}).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return `/widgets/${extension}/${page.widget}${query ? `?${query}` : ''}`;
}

/**
 * The pages a section's script returns for the user. A script that fails or answers
 * something else costs only its own pages: the rest of the navigation still draws.
 */
async function scriptPages(user: UserRecord, ext: LoadedExtension, section: Section, parts: NavigationParts): Promise<NavPage[]> {
    if (!section.pagesScript) return [];
    const data: Record<string, unknown> = {};
    try {
        await parts.runner.run({ extension: ext, script: section.pagesScript, userId: user.id, data });
    } catch (error) {
        parts.logger.error({ extension: ext.id, script: section.pagesScript, err: error }, 'pages script failed');
        return [];
    }
    const widgets = new Set(ext.manifest.widgets.map((w) => w.code));
    const pages = Array.isArray(data.pages) ? (data.pages as unknown[]) : [];
    return pages.flatMap((p) => {
        const page = p as { code?: unknown; name?: unknown; widget?: unknown; params?: unknown };
        if (typeof page.code !== 'string' || typeof page.name !== 'string' || typeof page.widget !== 'string' || !widgets.has(page.widget)) return [];
        const params = new URLSearchParams();
        if (page.params && typeof page.params === 'object') {
            for (const [k, v] of Object.entries(page.params)) if (typeof v === 'string' || typeof v === 'number') params.set(k, String(v));
        }
        const query = params.toString();
        return [{ code: page.code, name: page.name, path: `/widgets/${ext.id}/${page.widget}${query ? `?${query}` : ''}` }];
    });
}

export async function navigation(user: UserRecord, parts: NavigationParts): Promise<NavWorkspace[]> {
    const out: NavWorkspace[] = [];
    for (const ext of parts.extensions.active()) {
        const ws = ext.manifest.workspace;
        if (!ws) continue;
        const sections = [];
        for (const s of ws.sections) {
            const pages = s.pages.filter((p) => visible(user, ext.manifest, p, parts.items))
                .map((p) => ({ code: p.code, name: p.name, path: pagePath(ext.id, ext.manifest, p) }));
            pages.push(...(await scriptPages(user, ext, s, parts)));
            if (pages.length) sections.push({ code: s.code, name: s.name, pages });
        }
        if (sections.length) out.push({ extension: ext.id, code: ws.code, name: ws.name, sections });
    }
    return out;
}

/** The user-menu widgets of every active extension. */
export function userMenu(extensions: Extensions): NavWidget[] {
    return extensions.active().flatMap((ext) => ext.manifest.userMenu.map((widget) => ({ extension: ext.id, widget })));
}

export function registerNavigation(server: FastifyInstance, parts: NavigationParts): void {
    server.get('/api/workspaces', async (request) => ({
        workspaces: await navigation(requireUser(request), parts),
        admin: isAdmin(requireUser(request)),
        userMenu: userMenu(parts.extensions),
    }));
}
