/**
 * What a performance report answers: one row per operator (or live chat) and period.
 * Shared by the server and the report widgets' browser code, so it holds types only.
 */
export type ReportKind = 'operators' | 'lines';

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
