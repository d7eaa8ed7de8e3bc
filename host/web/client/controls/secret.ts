/**
 * A secret field (a token, a password). The form never receives its value, only whether it
 * is set: typing a new value replaces it, leaving the box empty keeps what is there.
 */
import { el } from '../dom';
import { empty, type Control, type ControlContext } from './control';

export function secretControl(ctx: ControlContext, value: unknown): Control {
    const isSet = Boolean((value as { set?: boolean } | null)?.set);
    const stateId = `${ctx.id}-state`;
    const input = el('input', {
        id: ctx.id, name: ctx.field.code, type: 'password', autocomplete: 'new-password', 'aria-describedby': stateId,
        placeholder: isSet ? 'Type a new value to replace it' : '',
    });
    const state = el('span', { class: 'note secret-state', id: stateId }, isSet ? 'Set' : 'Not set');
    return {
        element: el('div', { class: 'with-note' }, input, state),
        labelFor: ctx.id,
        read() {
            if (empty(input.value)) return ctx.field.required && !isSet ? { problem: 'is required' } : { value: undefined };
            if (ctx.field.type !== 'JSON') return { value: input.value };
            try {
                return { value: JSON.parse(input.value) as unknown };
            } catch {
                return { problem: 'expected JSON' };
            }
        },
    };
}
