/**
 * A date-time field: entered and shown in the user's time zone (named next to the input),
 * sent as an ISO instant, so a user in Berlin and one in Tokyo mean the same moment.
 */
import { DateTime } from 'luxon';
import { el } from '../dom';
import { empty, type Control, type ControlContext } from './control';

export function datetimeControl(ctx: ControlContext, value: unknown): Control {
    const input = el('input', { type: 'datetime-local', id: ctx.id, name: ctx.field.code, 'aria-describedby': `${ctx.id}-zone` });
    if (typeof value === 'string') input.value = DateTime.fromISO(value, { zone: ctx.zone }).toFormat("yyyy-LL-dd'T'HH:mm");
    const element = el('div', { class: 'with-note' }, input, el('span', { class: 'note', id: `${ctx.id}-zone` }, ctx.zone));
    return {
        element,
        labelFor: ctx.id,
        read: () => {
            if (empty(input.value)) return { value: null };
            const moment = DateTime.fromISO(input.value, { zone: ctx.zone });
            return moment.isValid ? { value: moment.toUTC().toISO() } : { problem: 'expected a date and time' };
        },
    };
}
