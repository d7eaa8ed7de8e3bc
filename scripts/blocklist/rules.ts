/**
 * Blocklist rules (SPEC §5): which operators fit each rule type, and the one normal form a
 * value is compared in — e-mails in lower case, phones in E.164 — so an entry and a client
 * written differently still meet.
 */
export type ListType = 'blocklist' | 'allowlist';
export type RuleType = 'email' | 'phone' | 'account' | 'external_id';
export type RuleOperator = 'equals' | 'contains' | 'starts_with' | 'ends_with';

export const ruleTypes: readonly RuleType[] = ['email', 'phone', 'account', 'external_id'];

/**
 * An e-mail may be matched by any part (a domain, a word); a phone by the whole number or a
 * country/area prefix; an account item only as a whole; an external id as a whole or by the
 * prefix some bridges put before their ids.
 */
export const operatorsFor: Record<RuleType, readonly RuleOperator[]> = {
    email: ['equals', 'contains', 'starts_with', 'ends_with'],
    phone: ['equals', 'starts_with'],
    account: ['equals'],
    external_id: ['equals', 'starts_with'],
};

const phoneSeparators = /[\s().\-/]/g;

/**
 * A phone number in E.164 (`+` and up to 15 digits, no leading zero), or null when it is not
 * one. `00` is read as the international `+`; a number without either is taken as already
 * international (there is no home country to assume). `prefix` accepts the start of a number.
 */
export function normalisePhone(raw: string, prefix = false): string | null {
    let s = raw.trim().replace(phoneSeparators, '');
    if (s.startsWith('00')) s = `+${s.slice(2)}`;
    if (!s.startsWith('+')) s = `+${s}`;
    const min = prefix ? 1 : 7;
    return new RegExp(`^\\+[1-9][0-9]{${min - 1},14}$`).test(s) ? s : null;
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The value as the matcher compares it, or the reason it cannot be one. */
export function normaliseRuleValue(type: RuleType, operator: RuleOperator, raw: string): { value: string } | { problem: string } {
    const trimmed = raw.trim();
    if (!trimmed) return { problem: 'is required' };
    switch (type) {
        case 'email': {
            const value = trimmed.toLowerCase();
            if (/\s/.test(value)) return { problem: 'an e-mail has no spaces' };
            if (operator === 'equals' && !emailPattern.test(value)) return { problem: 'is not an e-mail address' };
            return { value };
        }
        case 'phone': {
            const value = normalisePhone(trimmed, operator === 'starts_with');
            if (!value) return { problem: operator === 'starts_with' ? 'is not the start of a phone number (digits, optionally after +)' : 'is not a phone number in international form, e.g. +44 20 7946 0958' };
            return { value };
        }
        default:
            if (/\s/.test(trimmed)) return { problem: 'an id has no spaces' };
            return { value: trimmed };
    }
}

/** What a client is known by, in normal form; absent keys match nothing. */
export interface ClientKeys {
    email?: string | null;
    phone?: string | null;
    account?: string | null;
    external_id?: string | null;
}

export function clientKeys(c: { email?: string | null; phone?: string | null; account?: string | null; externalId?: string | null }): ClientKeys {
    return {
        email: c.email ? c.email.trim().toLowerCase() : null,
        phone: c.phone ? normalisePhone(c.phone) : null,
        account: c.account || null,
        external_id: c.externalId || null,
    };
}
