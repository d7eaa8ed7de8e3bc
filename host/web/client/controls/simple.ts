/**
 * Controls of one input or a few plain inputs: text, numbers, yes/no, dates, durations,
 * e-mail, phone, JSON, full name and money. Checks mirror the server's, so most problems
 * show before a round trip.
 */
import { el } from '../dom';
import { empty, type Control, type ControlContext, type Read } from './control';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^\+?[0-9 ()-]{3,30}$/;

function textInput(ctx: ControlContext, attrs: Record<string, string | boolean>, initial: string, parse: (text: string) => Read): Control {
    const input = attrs.multiline
        ? el('textarea', { id: ctx.id, name: ctx.field.code, rows: 4 })
        : el('input', { id: ctx.id, name: ctx.field.code, ...attrs });
    input.value = initial;
    return { element: input, labelFor: ctx.id, read: () => (empty(input.value) ? { value: null } : parse(input.value)) };
}

function numberControl(ctx: ControlContext, value: unknown, whole: boolean): Control {
    return textInput(ctx, { type: 'number', step: whole ? '1' : 'any', inputmode: whole ? 'numeric' : 'decimal' }, value === null || value === undefined ? '' : String(value), (text) => {
        const n = Number(text);
        if (!Number.isFinite(n)) return { problem: 'expected a number' };
        if (whole && !Number.isSafeInteger(n)) return { problem: 'expected a whole number' };
        return { value: n };
    });
}

function groupOf(ctx: ControlContext, parts: { code: string; label: string; value: string; attrs?: Record<string, string> }[]): { element: HTMLElement; inputs: HTMLInputElement[] } {
    const inputs = parts.map((p, i) => el('input', { id: i === 0 ? ctx.id : `${ctx.id}-${p.code}`, name: `${ctx.field.code}.${p.code}`, ...(p.attrs ?? {}) }));
    parts.forEach((p, i) => { inputs[i].value = p.value; });
    const element = el('div', { class: 'group' }, ...parts.map((p, i) => el('label', { class: 'sub' }, el('span', {}, p.label), inputs[i])));
    return { element, inputs };
}

export function simpleControl(ctx: ControlContext, value: unknown): Control | undefined {
    const o = (value ?? {}) as Record<string, unknown>;
    switch (ctx.field.type) {
        case 'STRING':
            return textInput(ctx, { type: 'text' }, String(value ?? ''), (t) => ({ value: t }));
        case 'TEXT':
            return textInput(ctx, { multiline: true }, String(value ?? ''), (t) => ({ value: t }));
        case 'INTEGER':
            return numberControl(ctx, value, true);
        case 'FLOAT':
            return numberControl(ctx, value, false);
        case 'DURATION': {
            const minutes = textInput(ctx, { type: 'number', step: '1', min: '0', inputmode: 'numeric', 'aria-describedby': `${ctx.id}-unit` }, value === null || value === undefined ? '' : String(Math.round(Number(value) / 60_000)), (t) => {
                const n = Number(t);
                return Number.isFinite(n) && n >= 0 ? { value: Math.round(n * 60_000) } : { problem: 'expected minutes' };
            });
            return { ...minutes, element: el('div', { class: 'with-note' }, minutes.element, el('span', { class: 'note', id: `${ctx.id}-unit` }, 'minutes')) };
        }
        case 'DATE':
            return textInput(ctx, { type: 'date' }, String(value ?? ''), (t) => (/^\d{4}-\d{2}-\d{2}$/.test(t) ? { value: t } : { problem: 'expected a date YYYY-MM-DD' }));
        case 'EMAIL':
            return textInput(ctx, { type: 'email', autocomplete: 'off' }, String(o.email ?? ''), (t) => (emailPattern.test(t.trim()) ? { value: { type: String(o.type ?? 'work'), email: t.trim() } } : { problem: 'expected an e-mail address' }));
        case 'PHONE':
            return textInput(ctx, { type: 'tel', autocomplete: 'off' }, String(o.tel ?? ''), (t) => (phonePattern.test(t.trim()) ? { value: { type: String(o.type ?? 'work'), tel: t.trim() } } : { problem: 'expected a phone number' }));
        case 'JSON':
            return textInput(ctx, { multiline: true }, value === null || value === undefined ? '' : JSON.stringify(value, null, 2), (t) => {
                try {
                    return { value: JSON.parse(t) };
                } catch {
                    return { problem: 'expected JSON' };
                }
            });
        case 'BOOLEAN': {
            const input = el('input', { type: 'checkbox', id: ctx.id, name: ctx.field.code, checked: value === true });
            return { element: el('div', { class: 'check' }, input), labelFor: ctx.id, read: () => ({ value: input.checked }) };
        }
        case 'FULL_NAME': {
            const { element, inputs } = groupOf(ctx, [
                { code: 'lastname', label: 'Last name', value: String(o.lastname ?? '') },
                { code: 'firstname', label: 'First name', value: String(o.firstname ?? '') },
                { code: 'middlename', label: 'Middle name', value: String(o.middlename ?? '') },
            ]);
            return {
                element,
                read: () => {
                    const [lastname, firstname, middlename] = inputs.map((i) => i.value.trim());
                    if (!lastname && !firstname && !middlename) return { value: null };
                    return firstname ? { value: { lastname, firstname, ...(middlename ? { middlename } : {}) } } : { problem: 'expected a first name' };
                },
            };
        }
        case 'MONEY': {
            const { element, inputs } = groupOf(ctx, [
                { code: 'amount', label: 'Amount', value: o.cents === undefined ? '' : (Number(o.cents) / 100).toFixed(2), attrs: { type: 'number', step: '0.01' } },
                { code: 'currency', label: 'Currency', value: String(o.currency ?? ''), attrs: { maxlength: '3', size: '4' } },
            ]);
            return {
                element,
                read: () => {
                    const [amount, currency] = inputs.map((i) => i.value.trim());
                    if (!amount && !currency) return { value: null };
                    if (!Number.isFinite(Number(amount)) || !/^[A-Z]{3}$/.test(currency.toUpperCase())) return { problem: 'expected an amount and a currency such as EUR' };
                    return { value: { cents: Math.round(Number(amount) * 100), currency: currency.toUpperCase() } };
                },
            };
        }
        default:
            return undefined;
    }
}
