/**
 * Runs after every install and upgrade (the manifest's `onInstall`). Each step is
 * idempotent: it looks for what is left to do, so running it again changes nothing.
 */
import type { TJSON } from '@brix/sdk';

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

/** Install script. */
export async function onExtensionInstalled(): Promise<void> {
    await moveTokensOutOfSettings();
}
