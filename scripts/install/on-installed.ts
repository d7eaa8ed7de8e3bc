/**
 * Runs after every install and upgrade (the manifest's `onInstall`). Each step is
 * idempotent: it looks for what is left to do, so running it again changes nothing.
 */
import type { FieldOperand, TJSON } from '@brix/sdk';
import { rebuildAllRollups } from '../reports/rebuild';
import { reportGroup } from '../reports/report-group';

/** Set once the rollups are keyed by operator group (0.3.0). */
const ROLLUPS_BY_GROUP = 'report_rollups_by_group';

/**
 * Before 0.2.0 a channel's token sat in its `settings`, which operators and supervisors may
 * read. It moves to the secret `token` field and leaves `settings`.
 */
async function moveTokensOutOfSettings(): Promise<void> {
    const channels = await Namespace.app.channels.search().size(10_000).all();
    for (const channel of channels) {
        const settings = channel.data.settings;
        if (typeof settings !== 'object' || settings === null || Array.isArray(settings) || !('token' in settings)) continue;
        const { token, ...rest } = settings;
        if (!channel.data.token && typeof token === 'string' && token) channel.data.token = token;
        channel.data.settings = rest as TJSON;
        await channel.save();
    }
}

/**
 * Before 0.3.0 the rollups were keyed by live chat × operator × channel × day, and an entry
 * kept an operator group only when its session was routed to one, so the group filter
 * found almost nothing. Entries without a group get the one `reportGroup` gives today
 * (the best that is known of the past), then every day's rollups are rebuilt.
 */
async function keyRollupsByGroup(): Promise<void> {
    if (await Namespace.storage.getItem(ROLLUPS_BY_GROUP)) return;
    const lines = new Map((await Namespace.app.lines.search().size(10_000).all()).map((l) => [l.id, l]));
    /** Each operator's group per live chat, looked up once. */
    const known = new Map<string, string | null>();
    // Pages along the primary key: an entry that still has no group is not read again.
    for (let after = ''; ;) {
        const entries = await Namespace.app.report_entries.search()
            .where((f, g) => g.and(f.__id.gt(after), f.operator_group.eq(null), f.operator.neq(null))).sort('__id', true).size(1000).all();
        for (const entry of entries) {
            const line = lines.get(entry.data.line.id);
            const key = `${entry.data.line.id}|${entry.data.operator?.id}`;
            if (line && !known.has(key)) known.set(key, await reportGroup(null, entry.data.operator, line));
            const group = known.get(key) ?? null;
            if (group === null) continue;
            entry.data.operator_group = group;
            await entry.save();
        }
        if (entries.length < 1000) break;
        after = entries[entries.length - 1].id;
    }
    await rebuildAllRollups();
    await Namespace.storage.setItem(ROLLUPS_BY_GROUP, true);
}

/**
 * Clients bound before `account_id` existed carry the bound item only in `account`: the id
 * is copied out, so the Live Chat Messages widget finds them by an index seek.
 */
async function indexBoundAccounts(): Promise<void> {
    const unindexed = await Namespace.app.clients.search()
        .where((f, g) => g.and(f.account_id.eq(null), (f.account as FieldOperand<unknown>).neq(null))).size(10_000).all();
    for (const client of unindexed) {
        const account = client.data.account;
        if (typeof account !== 'object' || account === null || Array.isArray(account) || typeof account.id !== 'string') continue;
        client.data.account_id = account.id;
        await client.save();
    }
}

/** Install script. */
export async function onExtensionInstalled(): Promise<void> {
    await moveTokensOutOfSettings();
    await keyRollupsByGroup();
    await indexBoundAccounts();
}
