/**
 * When a session closes, its stretch since the last close becomes one report entry and is
 * added to the day's rollup (in the live chat's time zone), under the operator group
 * `reportGroup` decides. Handlers can run twice after
 * a crash, so `reported_until` says which close was already counted.
 */
import type { TJSON } from '@brix/sdk';
import { DateTime } from 'luxon';
import { ofSessions } from '../messages/sequence';
import type { Session } from '../shared/apps';
import { measureStretch, type TimedMessage } from './measure';
import { applyToRollup } from './rollup';
import { reportGroup } from './report-group';
import { slaNumbers } from '../sla/report-numbers';

async function timedMessages(session: Session): Promise<TimedMessage[]> {
    const messages = await Namespace.app.messages.search().where((f, g) => g.and(...ofSessions(f, [session]))).sort('__createdAt', true).size(10_000).all();
    return messages.map((m) => ({ at: m.data.__createdAt.getTime(), kind: m.data.author_kind.code, staffOnly: Boolean(m.data.staff_only) }));
}

/** The event handler of `live_chats.session_closed`. */
export async function recordClosedSession(): Promise<void> {
    const payload = Context.data.payload as { session?: TJSON } | undefined;
    const id = typeof payload?.session === 'string' ? payload.session : '';
    await System.transaction(async () => {
        const session = await Namespace.app.sessions.search().where((f) => f.__id.eq(id)).first();
        const closedAt = session?.data.closed_at?.getTime();
        if (!session || closedAt === undefined) return;
        const counted = session.data.reported_until?.getTime() ?? null;
        if (counted !== null && counted >= closedAt) return;
        const messages = await timedMessages(session);
        const start = counted === null ? session.data.__createdAt.getTime() : (messages.find((m) => m.at > counted)?.at ?? closedAt);
        const numbers = measureStretch(messages, { start, acceptedAt: session.data.accepted_at?.getTime() ?? null, closedAt });
        const line = await session.data.line.fetch();
        const local = DateTime.fromMillis(closedAt, { zone: line.data.time_zone || 'UTC' });
        const group = await reportGroup(session.data.operator_group, session.data.operator, line);
        const entry = Namespace.app.report_entries.create();
        Object.assign(entry.data, {
            __name: `${session.data.__name} ${local.toISODate()}`,
            session: session.getRef(), line: session.data.line, operator: session.data.operator, channel: session.data.channel,
            operator_group: group, day: new TDate(local.year, local.month, local.day),
            counted: session.data.state.code !== 'marked_as_spam',
            requests: 1, response_sum_ms: numbers.responseSumMs, response_count: numbers.responseCount, max_wait_ms: numbers.maxWaitMs,
            duration_sum_ms: numbers.durationMs, duration_count: 1,
            first_response_sum_ms: numbers.firstResponseMs ?? 0, first_response_count: numbers.firstResponseMs === null ? 0 : 1,
            ...slaNumbers(session),
        });
        await entry.save();
        if (entry.data.counted) await applyToRollup(entry, 1);
        session.data.reported_until = session.data.closed_at;
        await session.save();
    });
}
