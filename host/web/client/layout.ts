/**
 * The signed-in frame: top bar with sign-out, the workspace navigation from
 * `/api/workspaces`, and the main area views draw into.
 */
import { api } from './api';
import { setDocumentTitle } from './attention';
import { el, find } from './dom';
import { notify } from './notify';
import * as realtime from './realtime';
import { navigate } from './router';
import { session, type NavWidget, type NavWorkspace } from './session';
import { mountWidget } from './widget-host';
import layoutTemplate from './templates/layout.hbs';

const app = () => find(document, '#app');

/** Draws the frame once per sign-in; later calls only mark the current page. */
export async function ensureLayout(): Promise<HTMLElement> {
    if (!document.getElementById('main')) {
        const nav = await api<{ workspaces: NavWorkspace[]; admin: boolean; userMenu: NavWidget[] }>('GET', '/api/workspaces');
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
        mountUserMenu(nav.userMenu);
    }
    // Of the pages the address matches, the one with the most parameters is current: `?line=a` over the bare path.
    const links = [...document.querySelectorAll<HTMLAnchorElement>('#nav a[data-path]')];
    const specificity = (l: HTMLAnchorElement) => (isHere(l.dataset.path ?? '') ? [...new URLSearchParams(l.dataset.path!.split('?')[1] ?? '')].length : -1);
    const best = Math.max(-1, ...links.map(specificity));
    for (const link of links) {
        if (best >= 0 && specificity(link) === best) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
    }
    return find(document, '#main');
}

/** Whether the address is the page's: its path (or below it) and every parameter the page's path sets. */
function isHere(pagePath: string): boolean {
    const [path, search] = pagePath.split('?');
    const params = new URLSearchParams(search ?? '');
    const here = new URLSearchParams(location.search);
    return (location.pathname === path || location.pathname.startsWith(`${path}/`)) && [...params].every(([k, v]) => here.get(k) === v);
}

/** Mounts the extensions' user-menu widgets once per frame; a failing one only notifies. */
function mountUserMenu(widgets: NavWidget[]): void {
    const slot = find(app(), '#user-menu');
    for (const w of widgets) {
        const box = el('div', { class: 'user-menu-widget', 'data-widget': w.widget });
        slot.append(box);
        mountWidget(w.extension, w.widget, box, {}).catch((e: Error) => notify(e.message, 'error'));
    }
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
    setDocumentTitle(`${text} · BRIX`);
}
