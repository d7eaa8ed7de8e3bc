/**
 * Turns a result row of an aggregate query into an {@link AggregateRow}. Both stores select
 * the columns in the same order (the `groupBy` fields, the count, then each sum, max and
 * min), and the row comes as an array in that order: a year's daily report has over ten
 * thousand groups, and making an object of each row and then another from it was a good
 * part of the report's time.
 */
import type { AggregateRow, Aggregation } from './store';

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
