/**
 * A deep copy of a JSON value (what the store parsed from a JSON column), for scripts that
 * may change it in place. About ten times cheaper than `structuredClone`, which serialises
 * every value it copies; anything that is not plain JSON is left to `structuredClone`.
 */
export function copyJson(value: unknown): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = copyJson(value[i]);
        return out;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return structuredClone(value);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
        const copy = copyJson((value as Record<string, unknown>)[key]);
        // JSON may hold a "__proto__" key: kept as a key, never taken as the copy's prototype.
        if (key === '__proto__') Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
        else out[key] = copy;
    }
    return out;
}
