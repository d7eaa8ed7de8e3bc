/** The sign-in page; a wrong password says so next to the form. */
import { api, ApiFailure } from './api';
import { find } from './dom';
import { navigate } from './router';
import { session, type SessionUser } from './session';
import loginTemplate from './templates/login.hbs';

export async function loginView(): Promise<void> {
    document.title = 'Sign in · BRIX';
    const root = find(document, '#app');
    root.innerHTML = loginTemplate({});
    const form = find<HTMLFormElement>(root, '#login-form');
    const error = find(root, '#login-error');
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const login = String(data.get('login') ?? '').trim();
        const password = String(data.get('password') ?? '');
        if (!login || !password) {
            error.textContent = 'Enter your login and password.';
            error.hidden = false;
            return;
        }
        try {
            const { user } = await api<{ user: SessionUser }>('POST', '/api/auth/login', { login, password });
            session.user = user;
            root.innerHTML = '';
            const back = new URLSearchParams(location.search).get('next');
            navigate(back && back.startsWith('/') && !back.startsWith('//') ? back : '/', true);
        } catch (e) {
            error.textContent = e instanceof ApiFailure && e.code === 'INVALID_CREDENTIALS' ? 'Wrong login or password.' : (e as Error).message;
            error.hidden = false;
            find<HTMLInputElement>(form, '#login-password').select();
        }
    });
}
