/**
 * Administration: installed extensions with version, status and last error, and installing
 * or upgrading a package from the browser; the outgoing mail (SMTP) settings. The upload shows its byte progress; the install
 * steps arrive as `extension.install.progress` pushes on the tab's socket.
 */
import { api } from './api';
import { forgetApps } from './app-info';
import { find } from './dom';
import { formatDatetime } from './format';
import { ensureLayout, refreshNavigation, setTitle } from './layout';
import { notify } from './notify';
import * as realtime from './realtime';
import type { Cleanup } from './router';
import { currentUser } from './session';
import adminTemplate from './templates/admin.hbs';

interface ExtensionRow {
    id: string;
    name: string;
    version: string;
    status: string;
    lastError: string | null;
    updatedAt: string;
}

/** Posts the package with XMLHttpRequest, the one browser API that reports upload progress. */
function upload(file: File, onProgress: (percent: number) => void): Promise<{ id: string; version: string; previousVersion: string | null }> {
    return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', '/api/admin/extensions');
        xhr.setRequestHeader('content-type', 'application/octet-stream');
        xhr.upload.addEventListener('progress', (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100)));
        xhr.addEventListener('load', () => {
            const body = JSON.parse(xhr.responseText || '{}');
            if (xhr.status < 300) resolve(body);
            else reject(new Error(body.error?.message ?? `HTTP ${xhr.status}`));
        });
        xhr.addEventListener('error', () => reject(new Error('The upload failed; check the connection')));
        xhr.send(file);
    });
}

async function extensionRows(): Promise<Record<string, unknown>[]> {
    const { extensions } = await api<{ extensions: ExtensionRow[] }>('GET', '/api/admin/extensions');
    const zone = currentUser().timezone;
    return extensions.map((e) => ({ ...e, updated: formatDatetime(e.updatedAt, zone) }));
}

interface MailView { host: string; port: number; security: string; user: string | null; from: string; password: { set: boolean } }

const securities = [{ value: 'none', label: 'None' }, { value: 'starttls', label: 'STARTTLS' }, { value: 'tls', label: 'TLS' }];

/** Saves the SMTP settings; a password left empty keeps the stored one (it is never sent to the page). */
function mailForm(form: HTMLFormElement): void {
    const error = find(form.parentElement!, '#mail-error');
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const value = (name: string) => find<HTMLInputElement>(form, `[name="${name}"]`).value.trim();
        const password = find<HTMLInputElement>(form, '[name="password"]').value;
        error.hidden = true;
        try {
            await api('PUT', '/api/admin/mail-settings', {
                host: value('host'), port: Number(value('port')), security: value('security'), user: value('user') || null, from: value('from'),
                ...(password ? { password } : {}),
            });
            find<HTMLInputElement>(form, '[name="password"]').value = '';
            notify('Mail settings saved', 'success');
        } catch (e) {
            const fields = (e as { fields?: Record<string, string> }).fields ?? {};
            error.textContent = [(e as Error).message, ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`)].join('. ');
            error.hidden = false;
        }
    });
}

export async function adminView(): Promise<Cleanup> {
    const main = await ensureLayout();
    setTitle('Extensions');
    const { settings: mail } = await api<{ settings: MailView }>('GET', '/api/admin/mail-settings');
    main.innerHTML = adminTemplate({ extensions: await extensionRows(), mail, securities: securities.map((s) => ({ ...s, selected: s.value === mail.security })) });
    mailForm(find<HTMLFormElement>(main, '#mail-form'));

    const form = find<HTMLFormElement>(main, '#install-form');
    const box = find(main, '#install-progress');
    const bar = find<HTMLProgressElement>(box, 'progress');
    const step = find(box, '#install-step');
    const error = find(main, '#install-error');
    const show = (percent: number, text: string) => { box.hidden = false; bar.value = percent; step.textContent = text; };
    // Upload progress events can reach the page after the server's first install step; once the
    // server reports, its steps win.
    let installing = false;
    const progress = realtime.onEvent('extension.install.progress', (p) => {
        const { step: name, percent } = p as { step: string; percent: number };
        installing = true;
        show(percent, `Installing: ${name} (${percent}%)`);
    });

    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const file = find<HTMLInputElement>(form, '#package-file').files?.[0];
        error.hidden = true;
        if (!file) { error.textContent = 'Choose a package file first.'; error.hidden = false; return; }
        const button = find<HTMLButtonElement>(form, 'button[type="submit"]');
        button.disabled = true;
        try {
            await realtime.connect();
            installing = false;
            const result = await upload(file, (percent) => installing || show(percent, `Uploading: ${percent}%`));
            notify(result.previousVersion ? `${result.id} upgraded from ${result.previousVersion} to ${result.version}` : `${result.id} ${result.version} installed`, 'success');
            // Only the list and the navigation change; the progress stays in view.
            forgetApps();
            const fresh = document.createElement('div');
            fresh.innerHTML = adminTemplate({ extensions: await extensionRows() });
            find(main, '#extension-list').replaceWith(find(fresh, '#extension-list'));
            await refreshNavigation();
        } catch (e) {
            error.textContent = (e as Error).message;
            error.hidden = false;
            box.hidden = true;
        } finally {
            button.disabled = false;
        }
    });
    return () => progress.dispose();
}
