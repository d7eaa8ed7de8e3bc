import type { FieldManifest } from '../manifest/schema';
import { TDatetime } from './datetime';
import { checkValue, toJson } from './field-values';

const field = (type: FieldManifest['type'], extra: Partial<FieldManifest> = {}): FieldManifest =>
    ({ code: 'f', name: 'F', type, required: false, multiple: false, list: false, ...extra });

describe('field values', () => {
    it.each([
        ['INTEGER', 3.5, 'expected a whole number'],
        ['FLOAT', 'x', 'expected a number'],
        ['BOOLEAN', 'yes', 'expected true or false'],
        ['DATETIME', 'not a date', 'expected a date and time (ISO 8601)'],
        ['DATE', '2026-02-30', 'expected a date YYYY-MM-DD'],
        ['EMAIL', 'nobody', 'expected an e-mail address'],
        ['PHONE', 'call me', 'expected a phone number'],
    ] as const)('refuses a bad %s value', (type, value, problem) => {
        expect(checkValue(field(type), value)).toEqual({ ok: false, problem });
    });

    it('turns moments into milliseconds and back into ISO text', () => {
        const checked = checkValue(field('DATETIME'), '2026-11-26T10:00:00+02:00');
        expect(checked).toEqual({ ok: true, value: Date.UTC(2026, 10, 26, 8) });
        expect(checkValue(field('DATETIME'), new TDatetime(5))).toEqual({ ok: true, value: 5 });
        expect(toJson(field('DATETIME'), Date.UTC(2026, 10, 26, 8))).toBe('2026-11-26T08:00:00.000Z');
    });

    it('accepts enum codes or { code } and names them on the way out', () => {
        const f = field('ENUM', { options: [{ code: 'high', name: 'High' }], multiple: true });
        expect(checkValue(f, [{ code: 'high' }, 'high'])).toEqual({ ok: true, value: ['high'] });
        expect(checkValue(f, ['low'])).toEqual({ ok: false, problem: 'expected one of high' });
        expect(toJson(f, ['high'])).toEqual([{ code: 'high', name: 'High' }]);
    });

    it('makes empty values null, and refuses them for required fields', () => {
        expect(checkValue(field('STRING'), '')).toEqual({ ok: true, value: null });
        expect(checkValue(field('STRING', { required: true }), '')).toEqual({ ok: false, problem: 'is required' });
    });

    it('checks table rows cell by cell', () => {
        const f = field('TABLE', { columns: [{ code: 'day', name: 'Day', type: 'DATE' }, { code: 'hours', name: 'Hours', type: 'INTEGER' }] });
        expect(checkValue(f, [{ day: '2026-01-01', hours: 4 }])).toEqual({ ok: true, value: [{ day: '2026-01-01', hours: 4 }] });
        expect(checkValue(f, [{ day: '2026-01-01', hours: 'four' }])).toEqual({ ok: false, problem: 'row 1, Hours: expected a whole number' });
    });

    it('takes ids from references', () => {
        expect(checkValue(field('SYS_USER'), { id: 'u1', fetch: () => undefined })).toEqual({ ok: true, value: 'u1' });
    });
});
