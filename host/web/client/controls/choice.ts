/** An enum field: a select of its options, or a set of checkboxes when it holds several. */
import { el } from '../dom';
import type { Control, ControlContext } from './control';

const codeOf = (v: unknown) => (typeof v === 'object' && v !== null ? String((v as { code: unknown }).code) : String(v));

export function choiceControl(ctx: ControlContext, value: unknown, options: { code: string; name: string }[]): Control {
    if (ctx.field.multiple) {
        const chosen = new Set((Array.isArray(value) ? value : []).map(codeOf));
        const boxes = options.map((o) => el('input', { type: 'checkbox', id: `${ctx.id}-${o.code}`, value: o.code, checked: chosen.has(o.code) }));
        const element = el('div', { class: 'group checks' }, ...options.map((o, i) => el('label', { class: 'check' }, boxes[i], o.name)));
        return { element, read: () => ({ value: boxes.filter((b) => b.checked).map((b) => b.value) }) };
    }
    const select = el('select', { id: ctx.id, name: ctx.field.code },
        el('option', { value: '' }, '—'),
        ...options.map((o) => el('option', { value: o.code }, o.name)));
    select.value = value === null || value === undefined ? '' : codeOf(value);
    return { element: select, labelFor: ctx.id, read: () => ({ value: select.value || null }) };
}
