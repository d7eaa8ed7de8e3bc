/**
 * The report widget (SPEC §8): one metric, with rows per operator, live chat, operator group
 * or the company, broken down by day, week or month, shown as a bar, line or pie chart with
 * its legend, or as a table. Its placement (a workspace page, a form) sets the starting
 * metric, rows, breakdown and view; the filters change them on the page.
 */
import type { TJSON } from '@brix/sdk';
import { metricOf, metrics } from '../../scripts/reports/metrics';
import { reportKinds, type ReportKind, type ReportRow } from '../../scripts/reports/report-row';
import { drawChart } from './report-chart';
import { kindNames, reportView, type ReportViewType } from './report-view';

type Data = Record<string, TJSON | undefined>;

const views: { code: ReportViewType; name: string }[] = [
    { code: 'bar', name: 'Bar chart' }, { code: 'line', name: 'Line chart' }, { code: 'pie', name: 'Pie chart' }, { code: 'table', name: 'Table' },
];
const breakdowns = [{ code: 'day', name: 'Day' }, { code: 'week', name: 'Week' }, { code: 'month', name: 'Month' }];
const kindTitles: Record<ReportKind, string> = { operators: 'operators', lines: 'live chats', groups: 'operator groups', company: 'the company' };

const pick = <T extends string>(value: TJSON | undefined, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const choices = (list: { code: string; name: string }[], chosen: string) => list.map((c) => ({ ...c, selected: c.code === chosen }));

/** Draws the widget from `Context.data`, then its chart on the fresh canvas. */
function show(): void {
    const d = Context.data as Data;
    const kind = d.kind as ReportKind;
    const view = d.view as ReportViewType;
    const model = reportView((d.result as unknown as ReportRow[] | undefined) ?? [], String(d.metric), view, kind);
    const heading = typeof d.title === 'string' && d.title ? d.title : `${model.metric.name} by ${kindNames[kind].toLowerCase()}`;
    Object.assign(d, {
        heading: kind === 'company' && !d.title ? `${model.metric.name}, ${kindTitles.company}` : heading,
        definition: model.metric.definition,
        chart: model.chart !== null, chartName: views.find((v) => v.code === view)?.name ?? '', table: model.table as unknown as TJSON, empty: model.empty && !d.loading,
        kinds: choices(reportKinds.map((code) => ({ code, name: kindTitles[code][0].toUpperCase() + kindTitles[code].slice(1) })), kind),
        metrics: choices(metrics.map((m) => ({ code: m.id, name: m.name })), model.metric.id),
        views: choices(views, view),
        breakdowns: choices(breakdowns, String((d.filter as Data | undefined)?.breakdown ?? 'day')),
    });
    ViewContext.rerender();
    drawChart(ViewContext.root.querySelector('canvas'), model.chart);
}

async function load(): Promise<void> {
    const d = Context.data as Data;
    d.loading = true;
    d.error = null;
    show();
    try {
        await Server.rpc.load();
    } catch (error) {
        d.error = error instanceof Error ? error.message : String(error);
        d.result = [];
    }
    d.loading = false;
    show();
}

export async function onInit(): Promise<void> {
    const d = Context.data as Data;
    // Placement settings arrive typed from a form and as text from a page's parameters.
    d.kind = pick(d.kind, reportKinds, 'operators');
    d.metric = metricOf(String(d.metric ?? '')).id;
    d.view = pick(d.view, views.map((v) => v.code), 'bar');
    d.showFilters = d.filters !== false && d.filters !== 'false';
    const days = Math.min(3660, Math.max(1, Math.round(Number(d.days ?? 30)) || 30));
    const today = new Date();
    d.filter = {
        from: isoDay(new Date(today.getTime() - (days - 1) * 86_400_000)), to: isoDay(today),
        breakdown: pick(d.breakdown, ['day', 'week', 'month'], 'day'),
        lineIds: typeof d.line === 'string' && d.line ? [d.line] : [], groups: [], channelIds: [], operatorIds: [],
    };
    await load();
}

export async function apply(event: Event): Promise<void> {
    const form = new FormData(event.target as HTMLFormElement);
    const value = (name: string) => String(form.get(name) ?? '');
    const all = (name: string) => form.getAll(name).map(String);
    const d = Context.data as Data;
    d.filter = {
        from: value('from'), to: value('to'), breakdown: value('breakdown'),
        lineIds: all('lineIds'), groups: all('groups'), channelIds: all('channelIds'), operatorIds: all('operatorIds'),
    };
    d.kind = pick(value('kind'), reportKinds, 'operators');
    d.metric = metricOf(value('metric')).id;
    d.view = pick(value('view'), views.map((v) => v.code), 'bar');
    await load();
}

/** The shell draws the template once more after `onInit`; the chart goes on that canvas. */
export function onLoad(): void {
    show();
}
