/**
 * Custom session properties (SPEC §3.1): an administrator declares them per live chat as
 * { code, name, type }; operators fill them in on each session. Values are checked against
 * the declared type here, so a session never holds a value its live chat does not allow.
 */
import type { TJSON } from '@brix/sdk';

export type PropertyType = 'string' | 'number' | 'boolean' | 'date';
export interface PropertyDeclaration { code: string; name: string; type: PropertyType }

const types: readonly PropertyType[] = ['string', 'number', 'boolean', 'date'];
const codePattern = /^[a-z][a-z0-9_]{0,49}$/;
const MAX_PROPERTIES = 50;
const MAX_TEXT = 1000;

/** The declarations stored on a live chat; anything malformed is left out. */
export function declaredProperties(value: TJSON | null): PropertyDeclaration[] {
    if (!Array.isArray(value)) return [];
    return value.filter((d): d is PropertyDeclaration & TJSON => typeof d === 'object' && d !== null && !Array.isArray(d)
        && typeof d.code === 'string' && typeof d.name === 'string' && types.includes(d.type as PropertyType))
        .map((d) => ({ code: d.code as string, name: d.name as string, type: d.type as PropertyType }));
}

/** Problems of a list of declarations, by path ("properties.1.type": "…"); empty when valid. */
export function declarationProblems(value: unknown): Record<string, string> {
    if (!Array.isArray(value)) return { properties: 'must be a list' };
    if (value.length > MAX_PROPERTIES) return { properties: `at most ${MAX_PROPERTIES} properties` };
    const problems: Record<string, string> = {};
    const seen = new Set<string>();
    value.forEach((d: unknown, i) => {
        const at = `properties.${i}`;
        if (typeof d !== 'object' || d === null || Array.isArray(d)) { problems[at] = 'must be { code, name, type }'; return; }
        const { code, name, type } = d as Record<string, unknown>;
        if (typeof code !== 'string' || !codePattern.test(code)) problems[`${at}.code`] = 'must be lower-case letters, digits and _ starting with a letter';
        else if (seen.has(code)) problems[`${at}.code`] = `${code} is declared twice`;
        else seen.add(code);
        if (typeof name !== 'string' || name.trim() === '' || name.length > 100) problems[`${at}.name`] = 'is required (up to 100 characters)';
        if (!types.includes(type as PropertyType)) problems[`${at}.type`] = 'must be string, number, boolean or date';
    });
    return problems;
}

function isDate(value: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** Why a value does not fit its declared type, or null when it does (null clears a value). */
export function valueProblem(declaration: PropertyDeclaration, value: unknown): string | null {
    if (value === null) return null;
    switch (declaration.type) {
        case 'string': return typeof value === 'string' && value.length <= MAX_TEXT ? null : `must be text of up to ${MAX_TEXT} characters`;
        case 'number': return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
        case 'boolean': return typeof value === 'boolean' ? null : 'must be true or false';
        case 'date': return typeof value === 'string' && isDate(value) ? null : 'must be a date as yyyy-MM-dd';
    }
}
