/**
 * What a performance report answers: one row per operator (live chat, group) and period.
 * Shared by the server and the report widget's browser code, so it holds plain data only.
 */
/** Rows per operator, live chat, operator group, or one for the company (SPEC §8 report widget). */
export const reportKinds = ['operators', 'lines', 'groups', 'company'] as const;
export type ReportKind = (typeof reportKinds)[number];

export interface ReportRow {
    key: string;
    name: string;
    /** `all` for the whole period, else the day, the week's first day or the month. */
    period: string;
    requests: number;
    responseTimeMs: number | null;
    waitTimeMs: number | null;
    sessionDurationMs: number | null;
    firstResponseTimeMs: number | null;
    /** Reserved for bot answers; 0 without a bot. */
    botResponseShare: number;
    /** Per SLA standard, the percent of clocks that stopped before their deadline; null where none was measured. */
    slaReactionMetPct: number | null;
    slaResponseMetPct: number | null;
    slaResolutionMetPct: number | null;
}
