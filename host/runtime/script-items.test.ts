import { inspect } from 'node:util';
import type { FieldManifest } from '../manifest/schema';
import type { Row } from '../store/store';
import type { AppItems } from './app-items';
import { TDatetime } from './datetime';
import { ScriptItem, type ScriptScope } from './script-items';

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
