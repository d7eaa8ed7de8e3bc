/**
 * `GET /api/workspaces`: the navigation the web shell draws, built from the workspaces the
 * installed manifests declare, with only the pages the signed-in user may open.
 */
import type { FastifyInstance } from 'fastify';
import type { Manifest } from '../manifest/schema';
import type { AppItems } from '../runtime/app-items';
import type { Extensions } from '../runtime/extensions';
import { requireUser } from '../server/auth';
import { can, isAdmin } from '../server/permissions';
import type { UserRecord } from '../store/store';

type Page = NonNullable<Manifest['workspace']>['sections'][number]['pages'][number];

export interface NavPage {
    code: string;
    name: string;
    /** The shell path that opens the page. */
    path: string;
}

export interface NavWorkspace {
    extension: string;
    code: string;
    name: string;
    sections: { code: string; name: string; pages: NavPage[] }[];
}

/** Whether the user sees a page: its groups when it lists them, otherwise read access to its app. */
function visible(user: UserRecord, manifest: Manifest, page: Page, items: AppItems): boolean {
    if (isAdmin(user)) return true;
    if (page.groups) return page.groups.some((g) => user.groups.includes(g));
    if (!page.app) return true;
    const key = `${manifest.namespace}.${page.app}`;
    return items.has(key) && can(user, items.app(key), 'read');
}

function pagePath(extension: string, manifest: Manifest, page: Page): string {
    return page.app ? `/apps/${manifest.namespace}/${page.app}` : `/widgets/${extension}/${page.widget}`;
}

export function navigation(user: UserRecord, extensions: Extensions, items: AppItems): NavWorkspace[] {
    const out: NavWorkspace[] = [];
    for (const ext of extensions.active()) {
        const ws = ext.manifest.workspace;
        if (!ws) continue;
        const sections = ws.sections
            .map((s) => ({
                code: s.code,
                name: s.name,
                pages: s.pages.filter((p) => visible(user, ext.manifest, p, items))
                    .map((p) => ({ code: p.code, name: p.name, path: pagePath(ext.id, ext.manifest, p) })),
            }))
            .filter((s) => s.pages.length > 0);
        if (sections.length) out.push({ extension: ext.id, code: ws.code, name: ws.name, sections });
    }
    return out;
}

export function registerNavigation(server: FastifyInstance, extensions: Extensions, items: AppItems): void {
    server.get('/api/workspaces', async (request) => ({
        workspaces: navigation(requireUser(request), extensions, items),
        admin: isAdmin(requireUser(request)),
    }));
}
