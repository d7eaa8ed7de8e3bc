/**
 * Automatic Offline (SPEC §3.3): an Online user with no connected browser for N minutes
 * (global setting, 2–999) turns Offline. Scheduled; each run records who is connected
 * now, so "N minutes" counts from the last run that saw a browser.
 */
import { DateTime } from 'luxon';
import { readSettings } from '../settings/global-settings';
import { enumOf } from '../shared/values';

export async function checkOperatorPresence(): Promise<number> {
    const { auto_offline_minutes: minutes } = await readSettings();
    const now = new TDatetime();
    const cutoff = DateTime.fromMillis(now.getTime()).minus({ minutes }).toMillis();
    const online = await Namespace.app.operator_states.search().where((f) => f.status.eq('online')).size(10_000).all();
    let switched = 0;
    for (const state of online) {
        if ((await System.realtime.connections(state.data.user.id)) > 0) {
            state.data.last_seen_at = now;
        } else if ((state.data.last_seen_at?.getTime() ?? 0) <= cutoff) {
            state.data.status = enumOf('offline');
            switched++;
        } else {
            continue;
        }
        await state.save();
    }
    return switched;
}
