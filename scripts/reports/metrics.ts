/**
 * Every number a report shows, with what it means (SPEC §8). The server computes them from
 * the rollups (`performance.ts`); the report widget offers them by this list, names them
 * and formats them by `unit`. Plain data, so the browser bundle can import it.
 */
import type { ReportRow } from './report-row';

export type MetricCode = Exclude<keyof ReportRow, 'key' | 'name' | 'period'>;
export type MetricUnit = 'duration' | 'count' | 'percent';

export interface Metric {
    /** How a widget's placement names the metric (its `metric` setting). */
    id: string;
    /** The report row's field. */
    code: MetricCode;
    name: string;
    unit: MetricUnit;
    definition: string;
}

export const metrics: readonly Metric[] = [
    {
        id: 'response_time', code: 'responseTimeMs', name: 'Response time', unit: 'duration',
        definition: "Average time from a client message (the first one not yet answered) to the operator's next reply; each reply that answers something is one sample.",
    },
    {
        id: 'wait_time', code: 'waitTimeMs', name: 'Wait time', unit: 'duration',
        definition: "The longest a client waited for the operator's response: the largest response-time sample.",
    },
    {
        id: 'session_duration', code: 'sessionDurationMs', name: 'Session duration', unit: 'duration',
        definition: 'Average time from the creation of a session (or its reopening) to its close.',
    },
    {
        id: 'first_response_time', code: 'firstResponseTimeMs', name: 'First response time', unit: 'duration',
        definition: "Average time from the session's assignment to an operator to the operator's first reply after it; sessions nobody answered are left out.",
    },
    {
        id: 'requests', code: 'requests', name: 'Processed requests', unit: 'count',
        definition: 'Closed sessions; a session reopened and closed again counts once per close. Spam never counts.',
    },
    {
        id: 'bot_response_share', code: 'botResponseShare', name: 'Bot response share', unit: 'percent',
        definition: 'Share of requests a bot answered; reserved, 0 without a bot.',
    },
    {
        id: 'sla_reaction_met', code: 'slaReactionMetPct', name: 'SLA met: reaction time', unit: 'percent',
        definition: 'Of the reaction-time SLA clocks that stopped, the percent that stopped before their deadline.',
    },
    {
        id: 'sla_response_met', code: 'slaResponseMetPct', name: 'SLA met: response time', unit: 'percent',
        definition: 'Of the response-time SLA clocks that stopped, the percent that stopped before their deadline.',
    },
    {
        id: 'sla_resolution_met', code: 'slaResolutionMetPct', name: 'SLA met: resolution time', unit: 'percent',
        definition: 'Of the resolution-time SLA clocks that stopped, the percent that stopped before their deadline.',
    },
];

/** The metric by id or field; the first (response time) for an unknown one. */
export function metricOf(idOrCode: string | null | undefined): Metric {
    return metrics.find((m) => m.id === idOrCode || m.code === idOrCode) ?? metrics[0];
}
