/**
 * Short codes: `/greet` typed in a composer inserts the template whose code is `greet`. Codes
 * are stored in one normal form, so the lookup compares the indexed column as it is.
 */

const shape = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** What a user typed (`/Greet`, ` greet `) as a code to look up. */
export function normalShortCode(typed: string): string {
    return typed.trim().replace(/^\//, '').toLowerCase();
}

/** Why a stored code is not acceptable, or null. */
export function shortCodeProblem(code: string): string | null {
    if (shape.test(code)) return null;
    return 'use 1 to 32 lower-case letters, digits, - or _, starting with a letter or digit (no leading /)';
}
