/**
 * An aggregate query as both stores run it: the select list and GROUP BY (each store says
 * how it sums), and each result row turned into an {@link AggregateRow}. The columns come in
 * one order (the `groupBy` fields, the count, then each sum, max and min), and the row is
 * read as an array in that order: a year's daily report has over ten thousand groups, and
 * making an object of each row and then another from it was a good part of the report's time.
 */
import type { AggregateRow, Aggregation } from './store';

/** `SELECT` list and `GROUP BY` clause of an aggregation; `expr` gives a field's column, `sum` the store's sum of one. */
export function aggregateSql(aggregation: Aggregation, expr: (field: string) => string, sum: (column: string) => string): { select: string; group: string } {
    const parts = [
        ...aggregation.groupBy.map((f, i) => `${expr(f)} AS g${i}`),
        'COUNT(*) AS n',
        ...aggregation.sum.map((f, i) => `${sum(expr(f))} AS sum${i}`),
        ...aggregation.max.map((f, i) => `MAX(${expr(f)}) AS max${i}`),
        ...aggregation.min.map((f, i) => `MIN(${expr(f)}) AS min${i}`),
    ];
    const group = aggregation.groupBy.length ? `GROUP BY ${aggregation.groupBy.map((_, i) => `g${i}`).join(', ')}` : '';
    return { select: parts.join(', '), group };
}

export function aggregateRow(aggregation: Aggregation): (raw: unknown[]) => AggregateRow {
    const { groupBy, sum, max, min } = aggregation;
    const count = groupBy.length;
    const sums = count + 1;
    const maxes = sums + sum.length;
    const mins = maxes + max.length;
    return (raw) => {
        const row: AggregateRow = { group: {}, count: Number(raw[count]), sum: {}, max: {}, min: {} };
        for (let i = 0; i < groupBy.length; i++) row.group[groupBy[i]] = raw[i];
        for (let i = 0; i < sum.length; i++) row.sum[sum[i]] = Number(raw[sums + i]);
        for (let i = 0; i < max.length; i++) row.max[max[i]] = raw[maxes + i] as number | null;
        for (let i = 0; i < min.length; i++) row.min[min[i]] = raw[mins + i] as number | null;
        return row;
    };
}
