/**
 * Spam is excluded from every report (SPEC §3.2, §8): marking a session spam takes its
 * entries out of the rollups; removing it from spam puts them back.
 */
import type { TJSON } from '@brix/sdk';
import { applyToRollup } from './rollup';

/** The event handler of `live_chats.session_spam_changed`. */
export async function recountSpamSession(): Promise<void> {
    const payload = Context.data.payload as { session?: TJSON } | undefined;
    const id = typeof payload?.session === 'string' ? payload.session : '';
    await System.transaction(async () => {
        const session = await Namespace.app.sessions.search().where((f) => f.__id.eq(id)).first();
        if (!session) return;
        const count = session.data.state.code !== 'marked_as_spam';
        const entries = await Namespace.app.report_entries.search().where((f, g) => g.and(f.session.eq(id), f.counted.eq(!count))).size(10_000).all();
        for (const entry of entries) {
            entry.data.counted = count;
            await entry.save();
            await applyToRollup(entry, count ? 1 : -1);
        }
    });
}
