/**
 * The signed-in frame: top bar with sign-out, the workspace navigation from
 * `/api/workspaces`, and the main area views draw into.
 */
import { api } from './api';
import { find } from './dom';
import { notify } from './notify';
import * as realtime from './realtime';
import { navigate } from './router';
import { session, type NavWorkspace } from './session';
import layoutTemplate from './templates/layout.hbs';

const app = () => find(document, '#app');

/** Draws the frame once per sign-in; later calls only mark the current page. */
export async function ensureLayout(): Promise<HTMLElement> {
    if (!document.getElementById('main')) {
        const nav = await api<{ workspaces: NavWorkspace[]; admin: boolean }>('GET', '/api/workspaces');
        session.workspaces = nav.workspaces;
        session.admin = nav.admin;
        app().innerHTML = layoutTemplate({ user: session.user, workspaces: nav.workspaces, admin: nav.admin });
        const toggle = find<HTMLButtonElement>(app(), '.menu-toggle');
        const menu = find(app(), '#nav');
        toggle.addEventListener('click', () => {
            const open = toggle.getAttribute('aria-expanded') !== 'true';
            toggle.setAttribute('aria-expanded', String(open));
            menu.classList.toggle('open', open);
        });
        menu.addEventListener('click', (e) => {
            if ((e.target as Element).closest('a')) { menu.classList.remove('open'); toggle.setAttribute('aria-expanded', 'false'); }
        });
        find(app(), '#logout').addEventListener('click', () => void signOut());
        realtime.onEvent('notification', (n) => {
            const { title, text } = n as { title: string; text: string };
            notify(`${title}: ${text}`);
        });
        void realtime.connect();
    }
    for (const link of document.querySelectorAll<HTMLAnchorElement>('#nav a[data-path]')) {
        const here = location.pathname === link.dataset.path || location.pathname.startsWith(`${link.dataset.path}/`);
        if (here) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
    }
    return find(document, '#main');
}

/** Draws the navigation again, e.g. after an install added a workspace. */
export async function refreshNavigation(): Promise<void> {
    const nav = await api<{ workspaces: NavWorkspace[]; admin: boolean }>('GET', '/api/workspaces');
    session.workspaces = nav.workspaces;
    const fresh = document.createElement('div');
    fresh.innerHTML = layoutTemplate({ user: session.user, workspaces: nav.workspaces, admin: nav.admin });
    find(document, '#nav').innerHTML = find(fresh, '#nav').innerHTML;
}

/** The first page the user may open, for the home path. */
export function firstPage(): string | undefined {
    return session.workspaces[0]?.sections[0]?.pages[0]?.path ?? (session.admin ? '/admin' : undefined);
}

async function signOut(): Promise<void> {
    await api('POST', '/api/auth/logout');
    realtime.disconnect();
    session.user = null;
    app().innerHTML = '';
    navigate('/login');
}

/** Sets the page title in the main area and the tab. */
export function setTitle(text: string): void {
    document.title = `${text} · BRIX`;
}
