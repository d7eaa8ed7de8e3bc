/**
 * Recomputes the daily rollups from the report entries (one entry per closed stretch of a
 * session: the raw numbers the rollups sum). A rollup that drifted, or rollups keyed
 * differently by an older version, come out exactly as if every entry had been added one
 * by one. It works a day at a time, each day in its own transaction, so a session closing
 * meanwhile lands either in a day not yet rebuilt (and is read from its entry) or in one
 * already rebuilt (and is added as usual) — never twice.
 */
import type { HttpApiRequest, HttpResponse, TDate } from '@brix/sdk';
import { caller, requireAdministrator } from '../access/roles';
import { refusal } from '../shared/errors';
import { input, ok } from '../shared/http';
import { summed, type ReportRollupData } from './rollup';

type Keys = { line: string; operator: string | null; channel: string | null; operator_group: string | null };
const keyText = (k: Keys) => JSON.stringify([k.line, k.operator, k.channel, k.operator_group]);

const asDate = (text: string): TDate => {
    const [y, m, d] = text.split('-').map(Number);
    return new TDate(y, m, d);
};

/** The first day after `after` (from the start when empty) that has entries or rollups: two index seeks. */
async function dayAfter(after: string, latest = false): Promise<string | null> {
    const seek = async (app: 'report_entries' | 'report_rollups') => {
        // From the start: a range from the earliest calendar date, so the index is sought, not walked.
        const search = Namespace.app[app].search().where((f) => (after ? f.day.gt(asDate(after)) : f.day.gte(asDate('1900-01-01'))));
        return (await search.sort('day', !latest).first())?.data.day.toString() ?? null;
    };
    const days = (await Promise.all([seek('report_entries'), seek('report_rollups')])).filter((d): d is string => d !== null).sort();
    return (latest ? days.at(-1) : days[0]) ?? null;
}

const dayNumber = (text: string) => Date.parse(`${text}T00:00:00Z`) / 86_400_000;

/** Rewrites one day's rollups from its counted entries; rows left without entries are zeroed (reports skip them). */
export async function rebuildDay(dayText: string): Promise<void> {
    const day = asDate(dayText);
    await System.transaction(async () => {
        const sums = await Namespace.app.report_entries.search()
            .where((f, g) => g.and(f.day.eq(day), f.counted.eq(true)))
            .aggregate({ groupBy: ['line', 'operator', 'channel', 'operator_group'], sum: [...summed], max: ['max_wait_ms'] });
        const rows = await Namespace.app.report_rollups.search().where((f) => f.day.eq(day)).size(10_000).all();
        const unclaimed = new Map(rows.map((r) => [keyText({ line: r.data.line.id, operator: r.data.operator?.id ?? null, channel: r.data.channel?.id ?? null, operator_group: r.data.operator_group ?? null }), r]));
        for (const s of sums) {
            const keys = { line: String(s.group.line), operator: s.group.operator as string | null, channel: s.group.channel as string | null, operator_group: s.group.operator_group as string | null };
            let row = unclaimed.get(keyText(keys));
            unclaimed.delete(keyText(keys));
            if (!row) {
                // The references are taken from one of the entries the row sums.
                const entry = await Namespace.app.report_entries.search().where((f, g) => g.and(
                    f.line.eq(keys.line), f.operator.eq(keys.operator), f.channel.eq(keys.channel), f.operator_group.eq(keys.operator_group), f.day.eq(day),
                )).first();
                if (!entry) continue;
                row = Namespace.app.report_rollups.create();
                const { line, operator, channel, operator_group } = entry.data;
                Object.assign(row.data, { line, operator, channel, operator_group, day, __name: `${dayText} ${line.id}` });
            }
            const numbers: Partial<ReportRollupData> = Object.fromEntries(summed.map((k) => [k, s.sum[k]]));
            Object.assign(row.data, numbers, { max_wait_ms: s.max.max_wait_ms ?? 0 });
            await row.save();
        }
        for (const row of unclaimed.values()) {
            if (summed.every((k) => !row.data[k]) && !row.data.max_wait_ms) continue;
            for (const k of summed) row.data[k] = 0;
            row.data.max_wait_ms = 0;
            await row.save();
        }
    });
}

/** Rebuilds every day, oldest first; returns how many days had numbers. */
export async function rebuildAllRollups(): Promise<number> {
    let done = 0;
    for (let day = await dayAfter(''); day !== null; day = await dayAfter(day)) {
        await rebuildDay(day);
        done += 1;
    }
    return done;
}

/**
 * API method `rebuild_report_rollups` (administrators): rebuilds up to `days` days that have
 * numbers after `after` and says where to continue; call it with `next` until `done`.
 * `progress` is the percent of the calendar from the first to the last such day rebuilt.
 */
export async function rebuildReportRollups(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const values = input(req);
    const after = values.after ?? '';
    if (typeof after !== 'string' || (after !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(after))) throw refusal('VALIDATION_FAILED', 'after must be a date YYYY-MM-DD', { after: 'must be a date YYYY-MM-DD' });
    const size = values.days ?? 31;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 366) throw refusal('VALIDATION_FAILED', 'days must be a whole number from 1 to 366', { days: 'must be from 1 to 366' });
    const [first, last] = [await dayAfter(''), await dayAfter('', true)];
    let through = after;
    let rebuilt = 0;
    for (let day = await dayAfter(after); day !== null && rebuilt < size; day = await dayAfter(day)) {
        await rebuildDay(day);
        through = day;
        rebuilt += 1;
    }
    const done = last === null || (through !== '' && through >= last);
    const progress = done || first === null || last === null || through === '' ? (done ? 100 : 0)
        : Math.floor((100 * (dayNumber(through) - dayNumber(first) + 1)) / (dayNumber(last) - dayNumber(first) + 1));
    return ok({ rebuiltDays: rebuilt, through: through || null, firstDay: first, lastDay: last, progress, next: done ? null : through, done });
}
