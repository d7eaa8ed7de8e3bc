/** A file field: the current file as a download link, a picker that uploads at once, and remove. */
import { api } from '../api';
import { el } from '../dom';
import type { Control, ControlContext } from './control';

interface FileValue {
    id: string;
    name: string;
    size: number;
    contentType: string;
}

export function fileControl(ctx: ControlContext, value: unknown): Control {
    let current = (value as FileValue | null) ?? null;
    let uploading: Promise<void> | undefined;
    const picker = el('input', { type: 'file', id: ctx.id });
    const shown = el('div', { class: 'file-current' });
    const draw = () => {
        if (!current) { shown.replaceChildren(el('span', { class: 'note' }, 'No file')); return; }
        const remove = el('button', { type: 'button', class: 'link' }, `Remove ${current.name}`);
        remove.addEventListener('click', () => { current = null; picker.value = ''; draw(); });
        shown.replaceChildren(el('a', { href: `/api/files/${encodeURIComponent(current.id)}`, download: current.name }, current.name), ' ', remove);
    };
    picker.addEventListener('change', () => {
        const file = picker.files?.[0];
        if (!file) return;
        shown.replaceChildren(el('span', { class: 'note' }, `Uploading ${file.name}…`));
        uploading = api<FileValue>('POST', `/api/files?name=${encodeURIComponent(file.name)}&type=${encodeURIComponent(file.type)}`, file)
            .then((stored) => { current = stored; })
            .catch(() => { current = null; })
            .finally(() => { uploading = undefined; draw(); });
    });
    draw();
    return {
        element: el('div', { class: 'file-field' }, shown, picker),
        labelFor: ctx.id,
        read: () => (uploading ? { problem: 'the file is still uploading' } : { value: current }),
    };
}
