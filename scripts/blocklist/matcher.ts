/**
 * The blocklist as one in-memory index (SPEC §5): whether a client is blocked in a live
 * chat costs a few map lookups and one pass over each of the client's values, however
 * many entries there are — exact values by map, prefixes and suffixes by looking up each
 * length that some entry has, "contains" by a substring automaton.
 */
import { SubstringAutomaton } from './substring-automaton';
import type { ClientKeys, ListType, RuleOperator, RuleType } from './rules';

export interface MatchEntry {
    id: string;
    list: ListType;
    type: RuleType;
    operator: RuleOperator;
    /** In normal form (rules.ts). */
    value: string;
    /** Epoch ms after which the entry has no effect; null: indefinitely. */
    until: number | null;
    /** Live chat ids; null: all live chats. */
    lines: readonly string[] | null;
}

export type Verdict =
    | { blocked: false; allowedBy: string | null }
    | { blocked: true; entry: string };

/** Entries keyed by whole values, with the lengths some key has (prefix and suffix lookups try only those). */
class AffixIndex {
    readonly byValue = new Map<string, MatchEntry[]>();
    lengths: number[] = [];

    add(value: string, entry: MatchEntry): void {
        const list = this.byValue.get(value);
        if (list) list.push(entry);
        else {
            this.byValue.set(value, [entry]);
            if (!this.lengths.includes(value.length)) this.lengths.push(value.length);
        }
    }
}

class RuleIndex {
    readonly equals = new AffixIndex();
    readonly prefixes = new AffixIndex();
    readonly suffixes = new AffixIndex();
    readonly contains = new SubstringAutomaton<MatchEntry>();
    hasContains = false;

    add(entry: MatchEntry): void {
        switch (entry.operator) {
            case 'equals': this.equals.add(entry.value, entry); break;
            case 'starts_with': this.prefixes.add(entry.value, entry); break;
            case 'ends_with': this.suffixes.add(entry.value, entry); break;
            case 'contains':
                this.contains.add(entry.value, entry);
                this.hasContains = true;
                break;
        }
    }

    matches(text: string, found: (entry: MatchEntry) => void): void {
        this.equals.byValue.get(text)?.forEach(found);
        for (const n of this.prefixes.lengths) if (n <= text.length) this.prefixes.byValue.get(text.slice(0, n))?.forEach(found);
        for (const n of this.suffixes.lengths) if (n <= text.length) this.suffixes.byValue.get(text.slice(text.length - n))?.forEach(found);
        if (this.hasContains) this.contains.scan(text, found);
    }
}

export class BlocklistMatcher {
    private readonly rules = new Map<RuleType, RuleIndex>();
    readonly size: number;

    constructor(entries: Iterable<MatchEntry>) {
        let size = 0;
        for (const entry of entries) {
            let index = this.rules.get(entry.type);
            if (!index) this.rules.set(entry.type, (index = new RuleIndex()));
            index.add(entry);
            size++;
        }
        for (const index of this.rules.values()) if (index.hasContains) index.contains.build();
        this.size = size;
    }

    /**
     * Whether a client writing to live chat `lineId` at `now` is blocked: an entry in effect
     * (not expired, its scope covering the live chat) on the blocklist blocks, unless one on
     * the allowlist matches too.
     */
    verdict(keys: ClientKeys, lineId: string, now: number): Verdict {
        if (this.size === 0) return { blocked: false, allowedBy: null };
        let blockedBy: string | null = null;
        let allowedBy: string | null = null;
        this.inEffect(keys, lineId, now, (entry) => {
            if (entry.list === 'allowlist') allowedBy ??= entry.id;
            else blockedBy ??= entry.id;
        });
        if (allowedBy !== null || blockedBy === null) return { blocked: false, allowedBy };
        return { blocked: true, entry: blockedBy };
    }

    /** Every entry in effect that matches the client, each once (for Unlock account). */
    matching(keys: ClientKeys, lineId: string, now: number): MatchEntry[] {
        const found = new Set<MatchEntry>();
        this.inEffect(keys, lineId, now, (entry) => found.add(entry));
        return [...found];
    }

    private inEffect(keys: ClientKeys, lineId: string, now: number, found: (entry: MatchEntry) => void): void {
        const consider = (entry: MatchEntry) => {
            if (entry.until !== null && entry.until <= now) return;
            if (entry.lines !== null && !entry.lines.includes(lineId)) return;
            found(entry);
        };
        for (const [type, index] of this.rules) {
            const text = keys[type];
            if (text) index.matches(text, consider);
        }
    }
}
