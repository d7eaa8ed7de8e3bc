/**
 * The generic item form: create, view and edit an item with one control per field, checks
 * next to each field (the browser's first, then the server's), status change, delete with
 * confirmation, and the widgets the app's manifest mounts on its form.
 */
import { api, ApiFailure } from './api';
import { itemsUrl, loadApp, nameField, type AppInfo } from './app-info';
import { fieldView, type FieldView } from './controls';
import { el, find } from './dom';
import { formatDatetime, formatValue, loadNames } from './format';
import { ensureLayout, setTitle } from './layout';
import { notify } from './notify';
import { navigate, type Cleanup } from './router';
import { currentUser } from './session';
import formTemplate from './templates/form.hbs';
import { mountWidget } from './widget-host';

type Item = Record<string, unknown> & { __id: string; __name: string; __deletedAt: string | null; __status: { code: string } | null };

function showProblems(views: FieldView[], problems: Record<string, string>, formError: HTMLElement, message: string): void {
    let first: FieldView | undefined;
    for (const view of views) {
        view.showProblem(problems[view.field.code]);
        if (problems[view.field.code] && !first) first = view;
    }
    const unplaced = Object.entries(problems).filter(([code]) => !views.some((v) => v.field.code === code));
    formError.textContent = unplaced.length ? `${message}: ${unplaced.map(([c, p]) => `${c} ${p}`).join('; ')}` : message;
    formError.hidden = false;
    first?.focus();
}

async function mountFormWidgets(app: AppInfo, root: HTMLElement, values: () => Record<string, unknown>, itemId: string | null): Promise<Cleanup[]> {
    const cleanups: Cleanup[] = [];
    for (const placed of app.formWidgets ?? []) {
        const data = values();
        const inputs: Record<string, unknown> = { ...placed.settings };
        const widget = await api<{ inputs: { code: string }[] }>('GET', `/api/widgets/${encodeURIComponent(app.extension)}/${encodeURIComponent(placed.widget)}`);
        for (const input of widget.inputs) inputs[input.code] = data[placed.inputs?.[input.code] ?? input.code] ?? null;
        const box = document.createElement('section');
        box.className = 'card widget-box';
        root.append(box);
        cleanups.push(await mountWidget(app.extension, placed.widget, box, inputs, { app: app.key, itemId }));
    }
    return cleanups;
}

export async function formView(params: Record<string, string>): Promise<Cleanup> {
    const main = await ensureLayout();
    const app = await loadApp(params.ns, params.app);
    const creating = !params.id;
    const listPath = `/apps/${params.ns}/${params.app}`;
    const item = creating ? undefined : await api<Item>('GET', `${itemsUrl(app.key)}/${encodeURIComponent(params.id)}`);
    if (creating && !app.allowed.includes('create')) throw new ApiFailure(403, 'FORBIDDEN', `You may not create items of ${app.name}`);
    const zone = currentUser().timezone;
    const fields = [nameField, ...app.fields];
    const deleted = Boolean(item?.__deletedAt);
    const readOnly = deleted || (creating ? !app.allowed.includes('create') : !app.allowed.includes('update'));
    if (item) await loadNames(app, readOnly ? fields : fields.filter((f) => f.readonly), [item]);
    const title = creating ? `New ${app.itemName ?? 'item'}` : item!.__name || '(no name)';
    setTitle(title);
    main.innerHTML = formTemplate({
        title, appName: app.name, listPath, readOnly, name: item?.__name, showDeleted: app.showDeleted,
        saveLabel: creating ? 'Create' : 'Save',
        deletedAt: deleted ? formatDatetime(item!.__deletedAt!, zone) : undefined,
        canDelete: !creating && !deleted && app.allowed.includes('delete'),
        statuses: !creating && !deleted && app.allowed.includes('update') && app.statuses?.length
            ? app.statuses.map((s) => ({ ...s, current: item!.__status?.code === s.code })) : undefined,
        values: readOnly && item ? fields.map((f) => ({
            name: f.name,
            text: formatValue(app, f, item[f.code], zone) || '—',
            fileId: f.type === 'FILE' ? (item[f.code] as { id?: string } | null)?.id : undefined,
        })) : [],
    });

    const views: FieldView[] = [];
    const form = main.querySelector<HTMLFormElement>('#item-form');
    if (form) {
        const box = find(form, '#fields');
        for (const f of fields) {
            // The extension's scripts set these: shown, never edited (and not asked for on a new item).
            if (f.readonly) {
                if (item) box.append(el('div', { class: 'field readonly', 'data-field': f.code }, el('span', { class: 'label' }, f.name), el('p', { class: 'value' }, formatValue(app, f, item[f.code], zone) || '—')));
                continue;
            }
            const view = await fieldView(app, f, item?.[f.code] ?? null, zone);
            views.push(view);
            box.append(view.element);
        }
        const formError = find(form, '#form-error');
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const values: Record<string, unknown> = {};
            const problems: Record<string, string> = {};
            for (const view of views) {
                const read = view.read();
                if ('problem' in read) problems[view.field.code] = read.problem;
                else if (read.value !== undefined && !(creating && read.value === null)) values[view.field.code] = read.value;
            }
            if (Object.keys(problems).length) return showProblems(views, problems, formError, 'Please correct the marked fields');
            try {
                const saved = creating
                    ? await api<Item>('POST', itemsUrl(app.key), values)
                    : await api<Item>('PATCH', `${itemsUrl(app.key)}/${encodeURIComponent(item!.__id)}`, values);
                notify(creating ? `${app.itemName ?? 'Item'} created` : 'Saved', 'success');
                navigate(`${listPath}/items/${encodeURIComponent(saved.__id)}`, creating);
            } catch (e) {
                const failure = e instanceof ApiFailure ? e : new ApiFailure(0, 'NETWORK', (e as Error).message);
                showProblems(views, failure.fields, formError, failure.message);
            }
        });
        views[0]?.focus();
    }

    main.querySelector<HTMLFormElement>('#status-form')?.addEventListener('submit', async (event) => {
        event.preventDefault();
        const status = new FormData(event.target as HTMLFormElement).get('status');
        try {
            await api('POST', `${itemsUrl(app.key)}/${encodeURIComponent(item!.__id)}/status`, { status });
            notify('Status changed', 'success');
        } catch (e) {
            notify((e as Error).message, 'error');
        }
    });

    const dialog = main.querySelector<HTMLDialogElement>('#confirm-delete');
    main.querySelector('#delete-item')?.addEventListener('click', () => dialog?.showModal());
    dialog?.addEventListener('close', async () => {
        if (dialog.returnValue !== 'delete') return;
        try {
            await api('DELETE', `${itemsUrl(app.key)}/${encodeURIComponent(item!.__id)}`);
            notify(`“${item!.__name}” deleted`, 'success');
            navigate(listPath);
        } catch (e) {
            notify((e as Error).message, 'error');
        }
    });

    const current = () => {
        const out: Record<string, unknown> = { ...(item ?? {}) };
        for (const v of views) { const r = v.read(); if ('value' in r) out[v.field.code] = r.value; }
        return out;
    };
    const cleanups = await mountFormWidgets(app, find(main, '#form-widgets'), current, item?.__id ?? null);
    return () => cleanups.forEach((c) => c());
}
