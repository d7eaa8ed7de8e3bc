/**
 * Runs after every install and upgrade (the manifest's `onInstall`). Each step is
 * idempotent: it looks for what is left to do, so running it again changes nothing.
 */
import type { FieldOperand, TJSON } from '@brix/sdk';

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
    await indexBoundAccounts();
}
