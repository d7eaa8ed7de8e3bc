import { copyJson } from './json-copy';

describe('copyJson', () => {
    it('copies nested objects and arrays so that changing the copy leaves the original', () => {
        const original = { a: [1, { b: 'x' }], c: { d: null, e: true }, n: 2.5 };
        const copy = copyJson(original) as typeof original;
        expect(copy).toEqual(original);
        (copy.a[1] as { b: string }).b = 'changed';
        copy.c.e = false;
        (copy.a as unknown[]).push(3);
        expect(original).toEqual({ a: [1, { b: 'x' }], c: { d: null, e: true }, n: 2.5 });
    });

    it('keeps a "__proto__" key as data, as JSON.parse does', () => {
        const original = JSON.parse('{"__proto__": {"polluted": true}, "k": 1}') as Record<string, unknown>;
        const copy = copyJson(original) as Record<string, unknown>;
        expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
        expect(Object.keys(copy)).toEqual(['__proto__', 'k']);
        expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
        expect(JSON.stringify(copy)).toBe(JSON.stringify(original));
    });

    it('leaves primitives as they are and copies other objects as structuredClone does', () => {
        expect(copyJson('text')).toBe('text');
        expect(copyJson(null)).toBeNull();
        const when = new Date(5);
        const copied = copyJson({ when }) as { when: Date };
        expect(copied.when).toEqual(when);
        expect(copied.when).not.toBe(when);
    });
});
