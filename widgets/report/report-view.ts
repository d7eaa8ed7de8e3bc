/**
 * What the report widget draws from the server's rows: one metric per row key (operator,
 * live chat, group or company) and period, as chart data and as a table. The table is both
 * the Table view and the chart's accessible equivalent. Pure, so it is tested without a browser.
 */
import { metricOf, type Metric } from '../../scripts/reports/metrics';
import type { ReportKind, ReportRow } from '../../scripts/reports/report-row';

export type ReportChartType = 'bar' | 'line' | 'pie';
export type ReportViewType = ReportChartType | 'table';

export interface ChartData {
    type: ReportChartType;
    /** Periods for bars and lines; row names for a pie. */
    labels: string[];
    /** One series per row key (a pie has one series over the keys). */
    series: { label: string; values: (number | null)[] }[];
    /** The value axis, e.g. `minutes` (`seconds` when every duration is under two minutes). */
    axis: string;
}

export interface TableData {
    /** The row key's heading, then the periods, then Total. */
    columns: string[];
    rows: { name: string; cells: string[]; total: string }[];
}

export const kindNames: Record<ReportKind, string> = { operators: 'Operator', lines: 'Live chat', groups: 'Operator group', company: 'Company' };

/** `95000` → `1 min 35 s`; a dash for no value. */
export function formatDuration(ms: number | null): string {
    if (ms === null) return '—';
    const s = Math.round(ms / 1000);
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
    const h = Math.floor(m / 60);
    return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/** A metric's value as people read it. */
export function formatValue(metric: Metric, value: number | null): string {
    if (metric.unit === 'duration') return formatDuration(value);
    if (value === null) return '—';
    return metric.unit === 'percent' ? `${value}%` : String(value);
}

/** Durations are plotted in minutes, or in seconds when every value is under two minutes. */
function durationScale(values: (number | null)[]): { axis: string; divisor: number } {
    return Math.max(0, ...values.map((v) => v ?? 0)) < 120_000 ? { axis: 'seconds', divisor: 1000 } : { axis: 'minutes', divisor: 60_000 };
}

const axisOf: Record<Metric['unit'], string> = { duration: 'minutes', count: 'requests', percent: '%' };

/** The report's chart and table for one metric; `empty` when no session closed in the period. */
export function reportView(rows: ReportRow[], metricId: string, view: ReportViewType, kind: ReportKind) {
    const metric = metricOf(metricId);
    const value = (r: ReportRow) => r[metric.code] as number | null;
    const totals = rows.filter((r) => r.period === 'all');
    const periods = [...new Set(rows.filter((r) => r.period !== 'all').map((r) => r.period))].sort();
    const cell = new Map(rows.map((r) => [`${r.key}|${r.period}`, r]));
    const at = (key: string, period: string) => {
        const r = cell.get(`${key}|${period}`);
        return r ? value(r) : null;
    };
    const table: TableData = {
        columns: [kindNames[kind], ...periods, 'Total'],
        rows: totals.map((t) => ({ name: t.name, cells: periods.map((p) => formatValue(metric, at(t.key, p))), total: formatValue(metric, value(t)) })),
    };
    const scale = metric.unit === 'duration' ? durationScale(rows.map(value)) : { axis: axisOf[metric.unit], divisor: 1 };
    // Durations to a tenth of a second, so a bar or slice keeps its size without false precision.
    const plotted = (v: number | null) => (v === null ? null : metric.unit === 'duration' ? Math.round(v / 100) / (scale.divisor / 100) : v);
    const chart: ChartData | null = view === 'table' || totals.length === 0 ? null
        : view === 'pie'
            ? { type: 'pie', labels: totals.map((t) => t.name), series: [{ label: metric.name, values: totals.map((t) => plotted(value(t))) }], axis: scale.axis }
            : { type: view, labels: periods, series: totals.map((t) => ({ label: t.name, values: periods.map((p) => plotted(at(t.key, p))) })), axis: scale.axis };
    return { metric, chart, table, empty: totals.length === 0 };
}
