/**
 * One field of a form: its label, the control its type calls for, the description, and the
 * problem shown next to it (from the browser's checks or from the server).
 */
import type { AppInfo, FieldInfo } from '../app-info';
import { el, uid } from '../dom';
import { choiceControl } from './choice';
import type { Control, ControlContext, Read } from './control';
import { datetimeControl } from './datetime';
import { fileControl } from './file';
import { lookupControl } from './lookup';
import { secretControl } from './secret';
import { simpleControl } from './simple';
import { tableControl } from './table';

export interface FieldView {
    field: FieldInfo;
    element: HTMLElement;
    /** The value to send, or undefined after showing the problem. */
    read(): Read;
    showProblem(text: string | undefined): void;
    focus(): void;
}

async function controlFor(ctx: ControlContext, value: unknown): Promise<Control> {
    if (ctx.field.secret) return secretControl(ctx, value);
    switch (ctx.field.type) {
        case 'DATETIME': return datetimeControl(ctx, value);
        case 'ENUM': return choiceControl(ctx, value, ctx.field.options ?? []);
        case 'SYS_USER': case 'SYS_COLLECTION': return lookupControl(ctx, value);
        case 'TABLE': return tableControl(ctx, value);
        case 'FILE': return fileControl(ctx, value);
        default: return simpleControl(ctx, value)!;
    }
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

export async function fieldView(app: AppInfo, field: FieldInfo, value: unknown, zone: string): Promise<FieldView> {
    const id = uid(`field-${field.code}`);
    const control = await controlFor({ app, field, id, zone }, value);
    const errorId = `${id}-error`;
    const error = el('p', { class: 'field-error', id: errorId, hidden: true });
    const required = field.required ? el('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : undefined;
    const hint = field.description ? el('p', { class: 'hint', id: `${id}-hint` }, field.description) : undefined;
    const element = control.labelFor
        ? el('div', { class: 'field', 'data-field': field.code }, el('label', { for: control.labelFor }, field.name, required), control.element, hint, error)
        : el('fieldset', { class: 'field', 'data-field': field.code }, el('legend', {}, field.name, required), control.element, hint, error);
    const target = control.labelFor ? element.querySelector<HTMLElement>(`#${CSS.escape(control.labelFor)}`) : element;
    target?.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', errorId, target.getAttribute('aria-describedby') ?? ''].filter(Boolean).join(' '));
    if (field.required) target?.setAttribute('aria-required', 'true');

    const view: FieldView = {
        field,
        element,
        read() {
            const read = control.read();
            if ('problem' in read) return read;
            // undefined: a secret left as it is, which its control has checked.
            if (field.required && read.value !== undefined && isEmpty(read.value)) return { problem: 'is required' };
            return read;
        },
        showProblem(text) {
            // Server and browser problems read "is required" or "expected a number"; make a sentence.
            error.textContent = !text ? '' : text.startsWith('is ') ? `${field.name} ${text}.` : `${text[0].toUpperCase()}${text.slice(1)}.`;
            error.hidden = !text;
            element.classList.toggle('invalid', Boolean(text));
            if (text) target?.setAttribute('aria-invalid', 'true');
            else target?.removeAttribute('aria-invalid');
        },
        focus() {
            (element.querySelector('input, select, textarea, button') as HTMLElement | null)?.focus();
        },
    };
    return view;
}
