/**
 * The client half of both report widgets: filters, a call to the server, and the report
 * as a table or a bar chart of one metric per operator (or live chat), with its legend.
 * The server returns numbers only; labels and bar sizes are made here.
 */
import type { TJSON } from '@brix/sdk';
import type { ReportKind, ReportRow } from '../../../scripts/reports/report-row';

type Kind = ReportKind;
type Row = ReportRow;

const slaMetrics: { code: keyof Row; name: string }[] = [
    { code: 'slaReactionMetPct', name: 'SLA met: reaction time' }, { code: 'slaResponseMetPct', name: 'SLA met: response time' },
    { code: 'slaResolutionMetPct', name: 'SLA met: resolution time' },
];

const metricsByKind: Record<'operators' | 'lines', { code: keyof Row; name: string }[]> = {
    operators: [
        { code: 'responseTimeMs', name: 'Response time' }, { code: 'waitTimeMs', name: 'Wait time' },
        { code: 'sessionDurationMs', name: 'Session duration' }, { code: 'requests', name: 'Processed requests' }, ...slaMetrics,
    ],
    lines: [
        { code: 'firstResponseTimeMs', name: 'First response time' }, { code: 'requests', name: 'Processed requests' },
        { code: 'responseTimeMs', name: 'Response time' }, { code: 'sessionDurationMs', name: 'Session duration' }, ...slaMetrics,
    ],
};

const percent = (v: number | null) => (v === null ? '—' : `${v}%`);

/** `95000` → `1 min 35 s`; empty for no value. */
export function formatDuration(ms: number | null): string {
    if (ms === null) return '—';
    const s = Math.round(ms / 1000);
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
    const h = Math.floor(m / 60);
    return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The view model the template draws from the server's rows and the chosen metric. */
export function reportView(kind: 'operators' | 'lines', rows: Row[], metric: keyof Row) {
    const metrics = metricsByKind[kind];
    const chosen = metrics.find((m) => m.code === metric) ?? metrics[0];
    const show = (v: number | null) => (chosen.code === 'requests' ? String(v ?? 0) : slaMetrics.some((m) => m.code === chosen.code) ? percent(v) : formatDuration(v));
    const totals = rows.filter((r) => r.period === 'all');
    const max = Math.max(1, ...totals.map((r) => Number(r[chosen.code] ?? 0)));
    return {
        metrics: metrics.map((m) => ({ ...m, selected: m.code === chosen.code })),
        metricName: chosen.name,
        bars: totals.map((r) => ({ name: r.name, label: show(r[chosen.code] as number | null), width: Math.round((1000 * Number(r[chosen.code] ?? 0)) / max) / 10 })),
        rows: rows.filter((r) => r.period !== 'all').map((r) => ({
            name: r.name, period: r.period, requests: r.requests,
            responseTime: formatDuration(r.responseTimeMs), waitTime: formatDuration(r.waitTimeMs),
            sessionDuration: formatDuration(r.sessionDurationMs), firstResponseTime: formatDuration(r.firstResponseTimeMs),
            slaReaction: percent(r.slaReactionMetPct), slaResponse: percent(r.slaResponseMetPct), slaResolution: percent(r.slaResolutionMetPct),
        })),
        empty: totals.length === 0,
    };
}

/** The functions a report widget's client script exports. */
export function reportWidget(kind: 'operators' | 'lines') {
    const draw = () => {
        const d = Context.data as Record<string, TJSON | undefined>;
        const rows = (d.result as unknown as Row[] | undefined) ?? [];
        Object.assign(d, reportView(kind, rows, (d.metric as keyof Row) ?? metricsByKind[kind][0].code) as unknown as Record<string, TJSON>);
        const breakdown = (d.filter as { breakdown?: string } | undefined)?.breakdown ?? 'day';
        d.breakdowns = ['day', 'week', 'month'].map((code) => ({ code, name: code[0].toUpperCase() + code.slice(1), selected: code === breakdown }));
        ViewContext.rerender();
    };
    const load = async () => {
        const d = Context.data;
        d.loading = true;
        d.error = null;
        ViewContext.rerender();
        try {
            await Server.rpc.load();
        } catch (error) {
            d.error = error instanceof Error ? error.message : String(error);
            d.result = [];
        }
        d.loading = false;
        draw();
    };
    return {
        async onInit() {
            const today = new Date();
            Context.data.title = kind === 'operators' ? "Operators' Performance" : 'Live Chat Performance';
            Context.data.keyName = kind === 'operators' ? 'Operator' : 'Live chat';
            Context.data.chart = true;
            Context.data.filter = { from: isoDay(new Date(today.getTime() - 29 * 86_400_000)), to: isoDay(today), breakdown: 'day', lineId: '' };
            await load();
        },
        async apply(event: Event) {
            const form = new FormData(event.target as HTMLFormElement);
            const value = (name: string) => String(form.get(name) ?? '');
            Context.data.filter = { from: value('from'), to: value('to'), breakdown: value('breakdown'), lineId: value('lineId') };
            Context.data.metric = value('metric');
            Context.data.chart = value('view') !== 'table';
            await load();
        },
    };
}
