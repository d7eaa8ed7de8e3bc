/**
 * Reads every item a filter matches, oldest first, a page at a time by keyset: each page
 * starts where the previous one ended (`__createdAt`, then `__id`), an index seek on
 * `__createdAt` — never an offset that rereads what came before.
 */
import type { Filter, Query, Row } from '../../store/store';
import type { AppItems } from '../app-items';

/**
 * Rows a page holds. Small pages keep what survives between writes small: with pages of a
 * thousand the heap of a 100,000-row export grew past 200 MB before it was collected.
 */
export const EXPORT_PAGE_SIZE = 200;

/** The condition "after this row" in (`__createdAt`, `__id`) order. */
export function after(row: Row): Filter {
    const at = row.__createdAt as number;
    return {
        kind: 'and',
        items: [
            { kind: 'cmp', field: '__createdAt', op: 'gte', value: at },
            { kind: 'or', items: [{ kind: 'cmp', field: '__createdAt', op: 'gt', value: at }, { kind: 'cmp', field: '__id', op: 'gt', value: row.__id }] },
        ],
    };
}

export async function* keysetPages(items: AppItems, key: string, query: Pick<Query, 'where' | 'withDeleted'>, size = EXPORT_PAGE_SIZE): AsyncGenerator<Row[]> {
    let last: Row | undefined;
    for (;;) {
        const conditions = [query.where, last && after(last)].filter((f): f is Filter => f !== undefined);
        const rows = await items.find(key, {
            where: conditions.length ? { kind: 'and', items: conditions } : undefined,
            sort: [{ field: '__createdAt', asc: true }, { field: '__id', asc: true }],
            size,
            withDeleted: query.withDeleted,
        });
        if (rows.length) yield rows;
        if (rows.length < size) return;
        last = rows[rows.length - 1];
    }
}
