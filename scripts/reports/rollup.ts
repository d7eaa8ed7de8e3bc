/**
 * The daily rollups the reports read (one row per live chat × operator × channel ×
 * operator group × day, so every filter of SPEC §8 is an index seek on its own column):
 * an entry is added to its row when a session closes, and taken out again if the session
 * is marked spam. Sums and counts add and subtract; the longest wait is re-read from the
 * row's counted entries when one leaves.
 */
import type { ApplicationItem, App, Condition, FieldOperands, TApplication, TDate, TUser } from '@brix/sdk';
import type { ChannelData, LineData, SessionData } from '../shared/apps';

export interface ReportKeys {
    line: TApplication<LineData>;
    operator: TUser | null;
    channel: TApplication<ChannelData> | null;
    operator_group: string | null;
    day: TDate;
}

export interface ReportMetrics {
    requests: number | null;
    response_sum_ms: number | null;
    response_count: number | null;
    max_wait_ms: number | null;
    duration_sum_ms: number | null;
    duration_count: number | null;
    first_response_sum_ms: number | null;
    first_response_count: number | null;
    /** SLA cycles that stopped in time, and all that stopped, per standard. */
    sla_reaction_met: number | null;
    sla_reaction_total: number | null;
    sla_response_met: number | null;
    sla_response_total: number | null;
    sla_resolution_met: number | null;
    sla_resolution_total: number | null;
}

export interface ReportEntryData extends ReportKeys, ReportMetrics {
    session: TApplication<SessionData>;
    counted: boolean | null;
}

export type ReportRollupData = ReportKeys & ReportMetrics;
export type ReportEntry = ApplicationItem<ReportEntryData>;

declare module '@brix/sdk' {
    interface NamespaceApps {
        report_entries: App<ReportEntryData>;
        report_rollups: App<ReportRollupData>;
    }
}

export const slaCounts = ['sla_reaction_met', 'sla_reaction_total', 'sla_response_met', 'sla_response_total', 'sla_resolution_met', 'sla_resolution_total'] as const;
export const summed = ['requests', 'response_sum_ms', 'response_count', 'duration_sum_ms', 'duration_count', 'first_response_sum_ms', 'first_response_count', ...slaCounts] as const;

/** The conditions that pick the rows of an entry's live chat, operator, channel, operator group and day. */
export function sameKeys(entry: ReportEntry, f: FieldOperands<ReportKeys>): Condition[] {
    const { line, operator, channel, operator_group, day } = entry.data;
    return [f.line.eq(line.id), f.operator.eq(operator?.id ?? null), f.channel.eq(channel?.id ?? null), f.operator_group.eq(operator_group ?? null), f.day.eq(day)];
}

async function longestCountedWait(entry: ReportEntry): Promise<number> {
    const others = await Namespace.app.report_entries.search()
        .where((f, g) => g.and(...sameKeys(entry, f), f.counted.eq(true)))
        .sort('max_wait_ms', false).first();
    return others?.data.max_wait_ms ?? 0;
}

/** Adds (+1) or takes out (−1) an entry's numbers from its day's rollup row. Call inside a transaction. */
export async function applyToRollup(entry: ReportEntry, sign: 1 | -1): Promise<void> {
    let row = await Namespace.app.report_rollups.search().where((f, g) => g.and(...sameKeys(entry, f))).first();
    if (!row) {
        row = Namespace.app.report_rollups.create();
        const { line, operator, channel, operator_group, day } = entry.data;
        Object.assign(row.data, { line, operator, channel, operator_group, day });
        row.data.__name = `${day.toString()} ${line.id}`;
    }
    for (const key of summed) row.data[key] = (row.data[key] ?? 0) + sign * (entry.data[key] ?? 0);
    row.data.max_wait_ms = sign > 0 ? Math.max(row.data.max_wait_ms ?? 0, entry.data.max_wait_ms ?? 0) : await longestCountedWait(entry);
    await row.save();
}
