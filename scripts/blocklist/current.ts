/**
 * The blocklist matcher in use, kept in memory and rebuilt only when the blocklist changed:
 * each change moves a version number kept in the namespace storage, in the same transaction
 * as the change (check-entry.ts), so a message costs one storage read while nothing changes,
 * and no committed entry is ever missed. Messages arriving during a rebuild share it rather
 * than each reading the whole list; with a big list (thousands of entries, a rebuild of a
 * good fraction of a second) only the message that noticed the change waits for it, the
 * others are answered from the previous matcher meanwhile, so the inbound path never stalls.
 */
import type { TJSON } from '@brix/sdk';
import type { BlocklistEntry } from '../shared/apps';
import { BlocklistMatcher, type MatchEntry, type Verdict } from './matcher';
import { normaliseRuleValue, type ClientKeys, type ListType, type RuleOperator, type RuleType } from './rules';

const VERSION_KEY = 'blocklist_version';
const PAGE = 10_000;
/** From this many entries on, the previous matcher answers other messages during a rebuild. */
const BACKGROUND_FROM = 5_000;

let cached: { version: number; matcher: BlocklistMatcher } | undefined;
let building: { version: number; matcher: Promise<BlocklistMatcher> } | undefined;

async function version(): Promise<number> {
    const stored = await Namespace.storage.getItem(VERSION_KEY);
    return typeof stored === 'number' ? stored : 0;
}

export async function bumpBlocklistVersion(): Promise<void> {
    await Namespace.storage.setItem(VERSION_KEY, ((await version()) + 1) as TJSON);
}

function toMatchEntry(e: BlocklistEntry): MatchEntry | undefined {
    const d = e.data;
    const type = d.rule_type?.code as RuleType | undefined;
    const operator = d.rule_operator?.code as RuleOperator | undefined;
    if (!type || !operator) return undefined;
    const normal = normaliseRuleValue(type, operator, d.rule_value ?? '');
    if (!('value' in normal)) return undefined;
    return {
        id: e.id, list: (d.list_type?.code ?? 'blocklist') as ListType, type, operator, value: normal.value,
        until: d.until ? d.until.getTime() : null,
        lines: d.all_lines ? null : (d.lines ?? []).map((l) => l.id),
    };
}

/** Entries in effect now or later, read in pages along the primary key. Expired ones never come back, unless edited (which moves the version). */
async function loadEntries(): Promise<MatchEntry[]> {
    const now = new Date();
    const out: MatchEntry[] = [];
    let after = '';
    for (;;) {
        const page = await Namespace.app.blocklist.search()
            .where((f, g) => g.and(f.__id.gt(after), g.or(f.until.eq(null), f.until.gt(now))))
            .sort('__id', true).size(PAGE).all();
        for (const e of page) {
            const entry = toMatchEntry(e);
            if (entry) out.push(entry);
        }
        if (page.length < PAGE) return out;
        after = page[page.length - 1].id;
    }
}

function rebuild(v: number): Promise<BlocklistMatcher> {
    const matcher = loadEntries().then((entries) => new BlocklistMatcher(entries));
    building = { version: v, matcher };
    matcher.then((m) => {
        if (!cached || cached.version < v) cached = { version: v, matcher: m };
    }, () => undefined).finally(() => {
        if (building?.matcher === matcher) building = undefined;
    });
    return matcher;
}

export async function currentMatcher(): Promise<BlocklistMatcher> {
    const v = await version();
    if (cached?.version === v) return cached.matcher;
    // The message that notices the change rebuilds, and waits (the rebuild runs in its own call, never beyond it).
    if (building?.version !== v) return rebuild(v);
    if (cached && cached.matcher.size >= BACKGROUND_FROM) return cached.matcher;
    return building.matcher;
}

/** Whether a client writing to a live chat is blocked now (SPEC §5). */
export async function blocklistVerdict(keys: ClientKeys, lineId: string): Promise<Verdict> {
    return (await currentMatcher()).verdict(keys, lineId, Date.now());
}
