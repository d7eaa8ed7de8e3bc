/**
 * Operators' Performance and Live Chat Performance (SPEC §8), read from the daily rollups
 * only, never from messages, so a year of data costs one row per live chat × operator ×
 * channel × operator group × day. Rows are per operator, live chat, operator group or the
 * whole company (the report's `kind`). Administrators see every live chat; supervisors the
 * ones they supervise.
 */
import type { HttpApiRequest, HttpResponse, TJSON, UserItem } from '@brix/sdk';
import { uniq } from 'lodash-es';
import { DateTime } from 'luxon';
import { caller, roleIn } from '../access/roles';
import type { Line } from '../shared/apps';
import { refusal } from '../shared/errors';
import { input, ok, type Input } from '../shared/http';
import { reportKinds, type ReportKind, type ReportRow } from './report-row';
import { summed } from './rollup';

export type { ReportKind } from './report-row';

export type Breakdown = 'day' | 'week' | 'month';

export interface ReportFilter {
    kind: ReportKind;
    from: string;
    to: string;
    breakdown: Breakdown;
    lineIds: string[];
    operatorIds: string[];
    channelIds: string[];
    groups: string[];
}

const ids = (v: TJSON | undefined, name: string): string[] => {
    if (v === undefined || v === null || v === '') return [];
    const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : null;
    if (!list || list.some((x) => typeof x !== 'string')) throw refusal('VALIDATION_FAILED', `${name} must be a list of ids`, { [name]: 'must be a list of ids' });
    return list as string[];
};

function day(values: Input, name: string): string {
    const v = values[name];
    if (typeof v !== 'string' || !DateTime.fromISO(v).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(v)) {
        throw refusal('VALIDATION_FAILED', `${name} must be a date YYYY-MM-DD`, { [name]: 'must be a date YYYY-MM-DD' });
    }
    return v;
}

/** Reads and checks a report request; the period is required and at most ten years. */
export function reportFilter(values: Input): ReportFilter {
    const kind = values.kind ?? 'operators';
    const breakdown = values.breakdown ?? 'day';
    if (typeof kind !== 'string' || !reportKinds.includes(kind as ReportKind)) throw refusal('VALIDATION_FAILED', `kind is one of ${reportKinds.join(', ')}`, { kind: `is one of ${reportKinds.join(', ')}` });
    if (breakdown !== 'day' && breakdown !== 'week' && breakdown !== 'month') throw refusal('VALIDATION_FAILED', 'breakdown is day, week or month', { breakdown: 'is day, week or month' });
    const from = day(values, 'from');
    const to = day(values, 'to');
    if (to < from) throw refusal('VALIDATION_FAILED', 'the period ends before it starts', { to: 'is before from' });
    if (DateTime.fromISO(to).diff(DateTime.fromISO(from), 'years').years > 10) throw refusal('VALIDATION_FAILED', 'the period is longer than ten years', { to: 'is too far from from' });
    return {
        kind: kind as ReportKind, breakdown, from, to,
        lineIds: ids(values.lineIds, 'lineIds'), operatorIds: ids(values.operatorIds, 'operatorIds'),
        channelIds: ids(values.channelIds, 'channelIds'), groups: ids(values.groups, 'groups'),
    };
}

/** The live chats whose reports the user may see. */
export async function reportableLines(user: UserItem): Promise<Line[]> {
    const lines = await Namespace.app.lines.search().sort('__name', true).size(10_000).all();
    return lines.filter((l) => ['administrator', 'supervisor'].includes(roleIn(user, l)));
}

/** The week (its Monday) or month of a day; a year has few distinct days, so each is worked out once. */
function periods(breakdown: 'week' | 'month'): (dayText: string) => string {
    const known = new Map<string, string>();
    return (dayText) => {
        let period = known.get(dayText);
        if (period === undefined) {
            const d = DateTime.fromISO(dayText);
            period = breakdown === 'week' ? d.startOf('week').toISODate()! : d.toFormat('yyyy-MM');
            known.set(dayText, period);
        }
        return period;
    };
}

const parse = (text: string) => {
    const d = DateTime.fromISO(text);
    return new TDate(d.year, d.month, d.day);
};


/**
 * A row's numbers: the sums in `summed` order, then the longest wait. An array, not an object
 * keyed by field: a year by day is ten thousand rows, each folded into the totals, and adding
 * arrays by position costs a fraction of reading and writing fourteen keys by name.
 */
type Numbers = number[];
const MAX_WAIT = summed.length;
/** Where each sum sits in {@link Numbers}. */
const at = Object.fromEntries(summed.map((f, i) => [f, i])) as Record<(typeof summed)[number], number>;

interface Sums {
    key: string;
    period: string;
    n: Numbers;
}

function numbersOf(sum: Record<string, number>, maxWaitMs: number): Numbers {
    const n: Numbers = new Array(MAX_WAIT + 1);
    for (let i = 0; i < MAX_WAIT; i++) n[i] = sum[summed[i]];
    n[MAX_WAIT] = maxWaitMs;
    return n;
}

/** The rollup field whose values are the report's rows; none: one row for the company. */
const keyField = { operators: 'operator', lines: 'line', groups: 'operator_group', company: null } as const;

/**
 * The period's rollups summed in the store per row key (operator, live chat, group, or all) and day:
 * one row per key and day, however many sessions.
 */
async function rollupSums(filter: ReportFilter, lineIds: string[]): Promise<Sums[]> {
    const by = keyField[filter.kind];
    const groupBy = [...(by ? [by] : []), 'day' as const];
    const groups = await Namespace.app.report_rollups.search().where((f, g) => g.and(
        f.line.in(lineIds), f.day.gte(parse(filter.from)), f.day.lte(parse(filter.to)), f.requests.gt(0),
        ...(filter.operatorIds.length ? [f.operator.in(filter.operatorIds)] : []),
        ...(filter.channelIds.length ? [f.channel.in(filter.channelIds)] : []),
        ...(filter.groups.length ? [f.operator_group.in(filter.groups)] : []),
    )).aggregate({ groupBy, sum: [...summed], max: ['max_wait_ms'] });
    return groups.map((g) => ({ key: by ? String(g.group[by] ?? '') : 'company', period: String(g.group.day), n: numbersOf(g.sum, g.max.max_wait_ms ?? 0) }));
}

/** Days folded into longer periods: weeks, months, or the whole period (`all`). */
function fold(days: Sums[], periodOf: (day: string) => string): Sums[] {
    const folded = new Map<string, Sums>();
    for (const d of days) {
        const period = periodOf(d.period);
        const id = `${d.key}|${period}`;
        const into = folded.get(id);
        if (!into) {
            folded.set(id, { key: d.key, period, n: d.n.slice() });
            continue;
        }
        for (let i = 0; i < MAX_WAIT; i++) into.n[i] += d.n[i];
        into.n[MAX_WAIT] = Math.max(into.n[MAX_WAIT], d.n[MAX_WAIT]);
    }
    return [...folded.values()];
}

/** Full names of the operators a report names, in one query. */
async function operatorNames(ids: string[]): Promise<[string, string][]> {
    const wanted = uniq(ids.filter(Boolean));
    const users = wanted.length ? await System.users.search().where((f) => f.__id.in(wanted)).size(wanted.length).all() : [];
    return [['', 'Not assigned'], ...users.map((u): [string, string] => [u.id, u.data.fullname || u.id])];
}

/** What each row is called: operators' and groups' names, live chats' names, the company. */
async function rowNames(kind: ReportKind, keys: string[], lines: Line[]): Promise<[string, string][]> {
    if (kind === 'operators') return operatorNames(keys);
    if (kind === 'lines') return lines.map((l) => [l.id, l.data.__name]);
    if (kind === 'company') return [['company', 'Company']];
    const groups = await System.userGroups.search().all();
    return [['', 'No group'], ...groups.map((g): [string, string] => [g.data.code, g.data.__name])];
}

const avg = (sum: number, count: number) => (count > 0 ? Math.round(sum / count) : null);
/** Percent with one decimal; null when nothing was measured. */
const pct = (met: number, total: number) => (total > 0 ? Math.round((1000 * met) / total) / 10 : null);

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Totals (period `all`) first, then by period and name. A plain comparator: a year by day sorts ten thousand rows. */
const rowOrder = (a: ReportRow, b: ReportRow) =>
    Number(a.period !== 'all') - Number(b.period !== 'all') || compare(a.period, b.period) || compare(a.name, b.name);

/** The report rows: one per operator (or live chat) and period, totals first with period `all`. */
export async function buildReport(user: UserItem, filter: ReportFilter): Promise<ReportRow[]> {
    const allowed = await reportableLines(user);
    if (allowed.length === 0) throw refusal('FORBIDDEN_ROLE', 'Reports are for administrators and supervisors');
    const forbidden = filter.lineIds.filter((id) => !allowed.some((l) => l.id === id));
    if (forbidden.length) throw refusal('FORBIDDEN_ROLE', 'You may not see the reports of some of these live chats');
    const lineIds = filter.lineIds.length ? filter.lineIds : allowed.map((l) => l.id);
    // The days are summed in the store, in one query; weeks, months and the whole period fold them.
    const days = await rollupSums(filter, lineIds);
    const totals = fold(days, () => 'all');
    const sums = [...totals, ...(filter.breakdown === 'day' ? days : fold(days, periods(filter.breakdown)))];
    const names = new Map<string, string>(await rowNames(filter.kind, totals.map((t) => t.key), allowed));
    const rows = sums.map(({ key, period, n }) => ({
        key, period, name: names.get(key) ?? key, requests: n[at.requests],
        responseTimeMs: avg(n[at.response_sum_ms], n[at.response_count]), waitTimeMs: n[at.response_count] > 0 ? n[MAX_WAIT] : null,
        sessionDurationMs: avg(n[at.duration_sum_ms], n[at.duration_count]), firstResponseTimeMs: avg(n[at.first_response_sum_ms], n[at.first_response_count]),
        botResponseShare: 0,
        slaReactionMetPct: pct(n[at.sla_reaction_met], n[at.sla_reaction_total]),
        slaResponseMetPct: pct(n[at.sla_response_met], n[at.sla_response_total]),
        slaResolutionMetPct: pct(n[at.sla_resolution_met], n[at.sla_resolution_total]),
    }));
    return rows.sort(rowOrder);
}

/** API method `performance_report`. */
export async function performanceReport(req: HttpApiRequest): Promise<HttpResponse> {
    const user = await caller();
    const filter = reportFilter(input(req));
    return ok({ filter, rows: await buildReport(user, filter) });
}
