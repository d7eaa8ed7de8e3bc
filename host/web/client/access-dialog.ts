/**
 * The list page's Access dialog, for administrators: which groups may read, create,
 * update, delete and export the app's items. Saved through `PUT /api/apps/…/access`;
 * "Restore defaults" goes back to what the app's manifest says.
 */
import { api } from './api';
import { forgetApps, type AppInfo } from './app-info';
import { find } from './dom';
import { notify } from './notify';
import accessTemplate from './templates/access.hbs';

type Action = 'read' | 'create' | 'update' | 'delete' | 'export';
type Access = Record<Action, string[]>;

interface AccessInfo {
    access: Access;
    defaults: Access;
    changed: boolean;
    groups: { code: string; name: string }[];
}

const actions: { action: Action; label: string }[] = [
    { action: 'read', label: 'Read' },
    { action: 'create', label: 'Create' },
    { action: 'update', label: 'Edit' },
    { action: 'delete', label: 'Delete' },
    { action: 'export', label: 'Export' },
];

function accessUrl(app: AppInfo): string {
    return `/api/apps/${encodeURIComponent(app.namespace)}/${encodeURIComponent(app.key.slice(app.namespace.length + 1))}/access`;
}

function render(dialog: HTMLDialogElement, app: AppInfo, info: AccessInfo): void {
    dialog.innerHTML = accessTemplate({
        title: app.name,
        changed: info.changed,
        actions,
        rows: info.groups.map((g) => ({
            code: g.code,
            name: g.name,
            cells: actions.map(({ action, label }) => ({ action, label, checked: info.access[action].includes(g.code) })),
        })),
    });
}

/** What the form's boxes say. */
function chosen(form: HTMLFormElement): Access {
    const data = new FormData(form);
    return Object.fromEntries(actions.map(({ action }) => [action, data.getAll(action).map(String)])) as Access;
}

export function mountAccess(main: HTMLElement, app: AppInfo, reload: () => void): void {
    const button = main.querySelector<HTMLButtonElement>('#access-items');
    const dialog = main.querySelector<HTMLDialogElement>('#access-dialog');
    if (!button || !dialog) return;
    button.addEventListener('click', () => {
        api<AccessInfo>('GET', accessUrl(app))
            .then((info) => {
                render(dialog, app, info);
                dialog.showModal();
            })
            .catch((e: Error) => notify(e.message, 'error'));
    });
    dialog.addEventListener('close', () => {
        const answer = dialog.returnValue;
        if (answer !== 'save' && answer !== 'defaults') return;
        const access = answer === 'save' ? chosen(find<HTMLFormElement>(dialog, '#access-form')) : null;
        api<AccessInfo>('PUT', accessUrl(app), { access })
            .then(() => {
                notify(answer === 'save' ? `Access to ${app.name} saved` : `Access to ${app.name} is back to its defaults`, 'success');
                // The buttons of the list depend on the rights; everyone's cached manifests are stale too.
                forgetApps();
                reload();
            })
            .catch((e: Error) => notify(e.message, 'error'));
    });
}
