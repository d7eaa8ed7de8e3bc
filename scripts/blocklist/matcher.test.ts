/**
 * Blocklist matching, table by table: every rule type with every operator that fits it,
 * normal forms of e-mails and phones, the allowlist beating the blocklist, expiry at the
 * boundary and the live-chat scope; then properties over random entries and clients
 * checked against a plain scan of every entry.
 */
import fc from 'fast-check';
import { BlocklistMatcher, type MatchEntry } from './matcher';
import { clientKeys, normalisePhone, normaliseRuleValue, operatorsFor, ruleTypes, type ClientKeys, type RuleOperator, type RuleType } from './rules';

const NOW = Date.parse('2030-01-01T12:00:00Z');
let n = 0;
function entry(type: RuleType, operator: RuleOperator, raw: string, more: Partial<MatchEntry> = {}): MatchEntry {
    const normal = normaliseRuleValue(type, operator, raw);
    if (!('value' in normal)) throw new Error(`${raw}: ${normal.problem}`);
    return { id: `e${++n}`, list: 'blocklist', type, operator, value: normal.value, until: null, lines: null, ...more };
}
const client = clientKeys({ email: 'John.Doe@Spam-Farm.example', phone: '+44 (20) 7946-0958', account: 'contact-42', externalId: 'tg:100500' });
const blocked = (entries: MatchEntry[], keys: ClientKeys = client, line = 'line-a', now = NOW) => new BlocklistMatcher(entries).verdict(keys, line, now).blocked;

describe('blocklist rules', () => {
    it.each<[RuleType, RuleOperator, string, boolean]>([
        ['email', 'equals', 'john.doe@spam-farm.example', true],
        ['email', 'equals', 'JOHN.DOE@SPAM-FARM.EXAMPLE', true],
        ['email', 'equals', 'jane@spam-farm.example', false],
        ['email', 'contains', 'spam', true],
        ['email', 'contains', 'farm.ex', true],
        ['email', 'contains', 'ham', false],
        ['email', 'contains', 'eggs', false],
        ['email', 'starts_with', 'John.', true],
        ['email', 'starts_with', 'doe', false],
        ['email', 'ends_with', '@Spam-Farm.example', true],
        ['email', 'ends_with', '@farm.example', false],
        ['phone', 'equals', '+442079460958', true],
        ['phone', 'equals', '0044 20 7946 0958', true],
        ['phone', 'equals', '44-20-7946-0958', true],
        ['phone', 'equals', '+442079460959', false],
        ['phone', 'starts_with', '+44', true],
        ['phone', 'starts_with', '0044 20', true],
        ['phone', 'starts_with', '+33', false],
        ['account', 'equals', 'contact-42', true],
        ['account', 'equals', 'contact-4', false],
        ['external_id', 'equals', 'tg:100500', true],
        ['external_id', 'equals', 'TG:100500', false],
        ['external_id', 'starts_with', 'tg:', true],
        ['external_id', 'starts_with', 'vk:', false],
    ])('%s %s %s → blocked %s', (type, operator, value, expected) => {
        expect(operatorsFor[type]).toContain(operator);
        expect(blocked([entry(type, operator, value)])).toBe(expected);
    });

    it('offers only the operators that fit each type', () => {
        expect(operatorsFor).toEqual({
            email: ['equals', 'contains', 'starts_with', 'ends_with'],
            phone: ['equals', 'starts_with'],
            account: ['equals'],
            external_id: ['equals', 'starts_with'],
        });
    });

    it.each<[RuleType, RuleOperator, string, string]>([
        ['email', 'equals', '   ', 'is required'],
        ['email', 'equals', 'not-an-address', 'is not an e-mail address'],
        ['email', 'contains', 'two words', 'an e-mail has no spaces'],
        ['phone', 'equals', '12', 'is not a phone number in international form, e.g. +44 20 7946 0958'],
        ['phone', 'equals', '+0 123 456 789', 'is not a phone number in international form, e.g. +44 20 7946 0958'],
        ['phone', 'equals', '+1 234 567 890 123 456', 'is not a phone number in international form, e.g. +44 20 7946 0958'],
        ['phone', 'starts_with', 'abc', 'is not the start of a phone number (digits, optionally after +)'],
        ['external_id', 'equals', 'a b', 'an id has no spaces'],
    ])('refuses %s %s "%s": %s', (type, operator, raw, problem) => {
        expect(normaliseRuleValue(type, operator, raw)).toEqual({ problem });
    });

    it('normalises phone numbers to E.164', () => {
        expect(normalisePhone('+7 (999) 123-45-67')).toBe('+79991234567');
        expect(normalisePhone('0079991234567')).toBe('+79991234567');
        expect(normalisePhone('not a phone')).toBeNull();
    });

    it('lets an allowlist entry override any matching blocklist entry', () => {
        const block = entry('email', 'ends_with', '@spam-farm.example');
        const allow = entry('external_id', 'equals', 'tg:100500', { list: 'allowlist' });
        expect(new BlocklistMatcher([block, allow]).verdict(client, 'line-a', NOW)).toEqual({ blocked: false, allowedBy: allow.id });
        expect(new BlocklistMatcher([block]).verdict(client, 'line-a', NOW)).toEqual({ blocked: true, entry: block.id });
        // An allowlist entry out of scope or expired does not help.
        expect(blocked([block, { ...allow, lines: ['line-b'] }])).toBe(true);
        expect(blocked([block, { ...allow, until: NOW }])).toBe(true);
    });

    it('ignores an entry from the moment it expires', () => {
        expect(blocked([entry('account', 'equals', 'contact-42', { until: NOW + 1 })])).toBe(true);
        expect(blocked([entry('account', 'equals', 'contact-42', { until: NOW })])).toBe(false);
        expect(blocked([entry('account', 'equals', 'contact-42', { until: NOW - 1 })])).toBe(false);
    });

    it('applies an entry only in the live chats it names', () => {
        const scoped = entry('phone', 'starts_with', '+44', { lines: ['line-a', 'line-c'] });
        expect(blocked([scoped], client, 'line-a')).toBe(true);
        expect(blocked([scoped], client, 'line-c')).toBe(true);
        expect(blocked([scoped], client, 'line-b')).toBe(false);
    });

    it('matches nothing for values the client does not have', () => {
        const all = ruleTypes.flatMap((type) => operatorsFor[type].map((op) => entry(type, op, type === 'phone' ? '+442079460958' : type === 'email' ? 'a@b.example' : 'x')));
        expect(blocked(all, {})).toBe(false);
    });
});

describe('blocklist matching properties', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '@', '.');
    const word = fc.string({ unit: alphabet, minLength: 1, maxLength: 6 });
    const digits = fc.string({ unit: fc.constantFrom('1', '2', '3'), minLength: 1, maxLength: 8 });
    const lines = fc.option(fc.subarray(['l1', 'l2', 'l3'], { minLength: 1 }), { nil: null });
    const until = fc.option(fc.integer({ min: NOW - 10, max: NOW + 10 }), { nil: null });
    const anEntry: fc.Arbitrary<MatchEntry> = fc.oneof(
        fc.record({ type: fc.constant<RuleType>('email'), operator: fc.constantFrom<RuleOperator>(...operatorsFor.email), value: word }),
        fc.record({ type: fc.constant<RuleType>('phone'), operator: fc.constantFrom<RuleOperator>(...operatorsFor.phone), value: digits.map((d) => `+1${d}`) }),
        fc.record({ type: fc.constant<RuleType>('external_id'), operator: fc.constantFrom<RuleOperator>(...operatorsFor.external_id), value: word }),
    ).chain((rule) => fc.record({
        id: fc.uuid(), list: fc.constantFrom<'blocklist' | 'allowlist'>('blocklist', 'allowlist'), type: fc.constant(rule.type),
        operator: fc.constant(rule.operator), value: fc.constant(rule.value), until, lines,
    }));
    const keys: fc.Arbitrary<ClientKeys> = fc.record({
        email: fc.option(fc.string({ unit: alphabet, maxLength: 12 }), { nil: null }),
        phone: fc.option(digits.map((d) => `+1${d}1234567`), { nil: null }),
        external_id: fc.option(word, { nil: null }),
    });
    const line = fc.constantFrom('l1', 'l2', 'l3');
    const now = fc.integer({ min: NOW - 12, max: NOW + 12 });

    /** The definition, one entry at a time. */
    function applies(e: MatchEntry, k: ClientKeys, lineId: string, at: number): boolean {
        const text = k[e.type];
        if (!text || (e.until !== null && e.until <= at) || (e.lines !== null && !e.lines.includes(lineId))) return false;
        switch (e.operator) {
            case 'equals': return text === e.value;
            case 'contains': return text.includes(e.value);
            case 'starts_with': return text.startsWith(e.value);
            case 'ends_with': return text.endsWith(e.value);
        }
    }

    it('agrees with a scan of every entry', () => {
        fc.assert(fc.property(fc.array(anEntry, { maxLength: 30 }), keys, line, now, (entries, k, l, at) => {
            const hits = entries.filter((e) => applies(e, k, l, at));
            const expected = !hits.some((e) => e.list === 'allowlist') && hits.some((e) => e.list === 'blocklist');
            expect(new BlocklistMatcher(entries).verdict(k, l, at).blocked).toBe(expected);
        }), { numRuns: 500 });
    });

    it('never blocks a client that an allowlist entry in effect matches', () => {
        fc.assert(fc.property(fc.array(anEntry, { maxLength: 30 }), anEntry, keys, line, (entries, allow, k, l) => {
            // The client is made to match the allowlist entry exactly, everywhere, for good.
            const allowEntry: MatchEntry = { ...allow, list: 'allowlist', until: null, lines: null };
            const client: ClientKeys = { ...k, [allow.type]: allow.value };
            expect(new BlocklistMatcher([...entries, allowEntry]).verdict(client, l, NOW).blocked).toBe(false);
        }), { numRuns: 300 });
    });
});
