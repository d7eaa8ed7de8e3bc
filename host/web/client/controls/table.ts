/** A table field: one row of inputs per row, typed by its columns, with add and remove. */
import { DateTime } from 'luxon';
import { el } from '../dom';
import type { FieldInfo } from '../app-info';
import type { Control, ControlContext, Read } from './control';

type Column = NonNullable<FieldInfo['columns']>[number];

function cellInput(column: Column, value: unknown, zone: string, label: string): HTMLInputElement | HTMLTextAreaElement {
    const types: Record<Column['type'], string> = { STRING: 'text', TEXT: 'text', INTEGER: 'number', FLOAT: 'number', BOOLEAN: 'checkbox', DATETIME: 'datetime-local', DATE: 'date' };
    const input = el('input', { type: types[column.type], 'aria-label': label, 'data-column': column.code, step: column.type === 'FLOAT' ? 'any' : undefined });
    if (column.type === 'BOOLEAN') input.checked = value === true;
    else if (column.type === 'DATETIME' && typeof value === 'string') input.value = DateTime.fromISO(value, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
    else if (value !== null && value !== undefined) input.value = String(value);
    return input;
}

function readCell(column: Column, input: HTMLInputElement, zone: string): Read {
    if (column.type === 'BOOLEAN') return { value: input.checked };
    if (input.value.trim() === '') return { value: null };
    if (column.type === 'INTEGER' || column.type === 'FLOAT') {
        const n = Number(input.value);
        return Number.isFinite(n) && (column.type === 'FLOAT' || Number.isSafeInteger(n)) ? { value: n } : { problem: `${column.name}: expected a number` };
    }
    if (column.type === 'DATETIME') return { value: DateTime.fromISO(input.value, { zone }).toUTC().toISO() };
    return { value: input.value };
}

export function tableControl(ctx: ControlContext, value: unknown): Control {
    const columns = ctx.field.columns ?? [];
    const body = el('tbody');
    const addRow = (row: Record<string, unknown> = {}) => {
        const n = body.children.length + 1;
        const remove = el('button', { type: 'button', class: 'link' }, 'Remove');
        const tr = el('tr', {}, ...columns.map((c) => el('td', {}, cellInput(c, row[c.code], ctx.zone, `${c.name}, row ${n}`))), el('td', {}, remove));
        remove.addEventListener('click', () => tr.remove());
        body.append(tr);
    };
    (Array.isArray(value) ? (value as Record<string, unknown>[]) : []).forEach((r) => addRow(r));
    const add = el('button', { type: 'button', id: ctx.id }, 'Add row');
    add.addEventListener('click', () => addRow());
    const table = el('table', { class: 'rows' }, el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col' }, c.name)), el('th', {}, el('span', { class: 'sr-only' }, 'Actions')))), body);
    return {
        element: el('div', { class: 'table-field' }, el('div', { class: 'table-wrap' }, table), add),
        read: () => {
            const rows: Record<string, unknown>[] = [];
            for (const [i, tr] of [...body.children].entries()) {
                const row: Record<string, unknown> = {};
                for (const column of columns) {
                    const cell = readCell(column, tr.querySelector<HTMLInputElement>(`[data-column="${column.code}"]`)!, ctx.zone);
                    if ('problem' in cell) return { problem: `row ${i + 1}, ${cell.problem}` };
                    row[column.code] = cell.value;
                }
                rows.push(row);
            }
            return { value: rows };
        },
    };
}
