/**
 * The web shell's entry: finds out who is signed in, then routes. Signed-out visitors go to
 * the sign-in page and come back to the page they asked for.
 */
import { api, ApiFailure } from './api';
import { adminView } from './admin-view';
import { formView } from './form-view';
import { ensureLayout, firstPage, setTitle } from './layout';
import { listView } from './list-view';
import { loginView } from './login-view';
import { notify } from './notify';
import { beforeEach, navigate, otherwise, render, route, startRouter } from './router';
import { session, type SessionUser } from './session';
import './shell.css';
import { widgetPage } from './widget-page';

function showFailure(main: HTMLElement, error: unknown): void {
    const text = error instanceof ApiFailure && error.status === 403 ? 'You may not open this page.'
        : error instanceof ApiFailure && error.status === 404 ? 'This page does not exist.'
            : `Something went wrong: ${(error as Error).message}`;
    main.replaceChildren();
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.textContent = text;
    main.append(p);
}

/** Wraps a view so a failed call shows a message in the page instead of a blank screen. */
function guarded<P extends unknown[], R>(view: (...args: P) => Promise<R>): (...args: P) => Promise<R | void> {
    return async (...args) => {
        try {
            return await view(...args);
        } catch (error) {
            if (error instanceof ApiFailure && error.status === 401) {
                session.user = null;
                navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, true);
                return;
            }
            showFailure(await ensureLayout(), error);
        }
    };
}

route('/login', async () => loginView());
route('/', guarded(async () => {
    const main = await ensureLayout();
    const first = firstPage();
    if (first) return navigate(first, true);
    setTitle('Home');
    main.textContent = 'Nothing is installed for you yet.';
}));
route('/admin', guarded(adminView));
route('/apps/:ns/:app', guarded(listView));
route('/apps/:ns/:app/new', guarded(formView));
route('/apps/:ns/:app/items/:id', guarded(formView));
route('/widgets/:ext/:widget', guarded(widgetPage));
otherwise(guarded(async () => { throw new ApiFailure(404, 'NOT_FOUND', 'No such page'); }));

beforeEach((path) => {
    if (session.user || path === '/login') return true;
    navigate(`/login${path === '/' ? '' : `?next=${encodeURIComponent(path + location.search)}`}`, true);
    return false;
});

async function start(): Promise<void> {
    try {
        session.user = (await api<{ user: SessionUser }>('GET', '/api/auth/me')).user;
    } catch {
        session.user = null;
    }
    if (session.user && location.pathname === '/login') history.replaceState(null, '', '/');
    startRouter();
    await render();
}

window.addEventListener('unhandledrejection', (event) => notify(String((event.reason as Error)?.message ?? event.reason), 'error'));
void start();
