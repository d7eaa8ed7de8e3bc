import { inspect } from 'node:util';
import type { FieldManifest } from '../manifest/schema';
import type { Row } from '../store/store';
import type { AppItems } from './app-items';
import { TDatetime } from './datetime';
import type { Query } from '../store/store';
import { ScriptItem, ScriptSearch, type ScriptScope } from './script-items';

const field = (code: string, type: FieldManifest['type'], extra: Partial<FieldManifest> = {}): FieldManifest =>
    ({ code, name: code, type, required: false, multiple: false, list: false, ...extra });

const fields: FieldManifest[] = [
    field('title', 'STRING'),
    field('due', 'DATETIME'),
    field('tags', 'ENUM', { multiple: true, options: [{ code: 'a', name: 'A' }, { code: 'b', name: 'B' }] }),
    field('extra', 'JSON'),
];

const stored: Row = {
    __id: 'i1', __name: 'One', __createdAt: 1000, __updatedAt: 2000, __createdBy: null, __updatedBy: null, __deletedAt: null, __status: null,
    title: 'hello', due: 5000, tags: ['a'], extra: { n: 1 },
};

/** A scope over one stored row; `updates` records what each save wrote. */
function scope(updates: Record<string, unknown>[]): ScriptScope {
    const items = {
        app: () => ({ manifest: { fields } }),
        update: async (_app: string, _id: string, values: Record<string, unknown>) => {
            updates.push(values);
            return { ...stored, ...values, __updatedAt: 3000 };
        },
    } as unknown as AppItems;
    return { items, users: {} as ScriptScope['users'], actor: () => null };
}

describe('a loaded item', () => {
    it('shows every field in the app order, converted, to enumeration and JSON', () => {
        const item = new ScriptItem(scope([]), 'x.things', stored);
        expect(Object.keys(item.data)).toEqual(['__id', '__name', '__createdAt', '__createdBy', '__updatedAt', '__updatedBy', '__deletedAt', '__status', 'title', 'due', 'tags', 'extra']);
        expect(item.data.due).toBeInstanceOf(TDatetime);
        expect(item.data.tags).toEqual([{ code: 'a', name: 'A' }]);
        expect(JSON.parse(JSON.stringify(item.data))).toMatchObject({ __id: 'i1', title: 'hello', due: new TDatetime(5000).toJSON(), extra: { n: 1 } });
        expect({ ...item.data }.title).toBe('hello');
        expect('title' in item.data && !('nothing' in item.data)).toBe(true);
        // What a script logs is its values, not the loader behind them.
        const logged = inspect(item.data);
        expect(logged).toContain("title: 'hello'");
        expect(logged).not.toContain('scope');
    });

    it('writes only what the script set or changed in place, whether or not it read it first', async () => {
        const updates: Record<string, unknown>[] = [];
        const item = new ScriptItem(scope(updates), 'x.things', stored);
        void item.data.due;
        void item.data.title;
        item.data.extra = { n: 1 };
        await item.save();
        expect(updates).toEqual([]);

        item.data.title = 'changed';
        (item.data.tags as { code: string }[]).push({ code: 'b' } as { code: string });
        await item.save();
        expect(updates).toEqual([{ title: 'changed', tags: [{ code: 'a', name: 'A' }, { code: 'b' }] }]);
        expect(item.data.title).toBe('changed');
    });

    it('keeps a value the script deleted or added of its own', () => {
        const item = new ScriptItem(scope([]), 'x.things', stored);
        delete item.data.title;
        item.data.note = 'mine';
        expect(item.data.title).toBeUndefined();
        expect('title' in item.data).toBe(false);
        expect(Object.keys(item.data)).toContain('note');
        expect(Object.keys(item.data)).not.toContain('title');
    });
});

describe('a search', () => {
    /** A search that records the queries it is run with. */
    const recording = () => {
        const runs: Query[] = [];
        const search = new ScriptSearch<number>({ find: async (q) => (runs.push(q), [1, 2]), count: async (q) => (runs.push(q), 2) });
        return { runs, search };
    };

    it('runs each query as it stood when run, however the search changes after', async () => {
        const { runs, search } = recording();
        search.where((f) => f.title.eq('a')).sort('due').size(5);
        expect(await search.first()).toBe(1);
        await search.all();
        search.sort('title', false).from(10);
        await search.all();
        await search.count();
        expect(runs.map((q) => [q.size, q.from, q.sort?.map((s) => `${s.field}:${s.asc}`)])).toEqual([
            [1, undefined, ['due:true']],
            [5, undefined, ['due:true']],
            [5, 10, ['due:true', 'title:false']],
            [5, 10, ['due:true', 'title:false']],
        ]);
        expect(runs[0].where).toEqual({ kind: 'cmp', field: 'title', op: 'eq', value: 'a' });
        expect(runs[0].withDeleted).toBe(false);
    });

    it('shows deleted items only when the filter names __deletedAt', async () => {
        const { runs, search } = recording();
        await search.where((f, g) => g.or(f.title.eq('a'), f.__deletedAt.neq(null))).all();
        expect(runs[0].withDeleted).toBe(true);
    });
});
