import { buildFilter, buildQuery, type ColumnMap } from './query';

const columns: ColumnMap = {
    name: { expr: '"name"', kind: 'scalar', text: true },
    body: { expr: '"body"', kind: 'scalar', text: true },
    done: { expr: '"done"', kind: 'boolean' },
    tags: { expr: '"tags"', kind: 'list' },
};

describe('filter SQL', () => {
    it('binds values and never puts them in the SQL text', () => {
        const built = buildFilter(columns, { kind: 'cmp', field: 'name', op: 'eq', value: "x'; DROP TABLE users; --" });
        expect(built).toEqual({ sql: '"name" = ?', params: ["x'; DROP TABLE users; --"] });
    });

    it('refuses fields that are not columns', () => {
        expect(() => buildFilter(columns, { kind: 'cmp', field: 'name"; --', op: 'eq', value: 1 })).toThrow(/Unknown field/);
        expect(() => buildQuery(columns, { sort: [{ field: 'evil', asc: true }] })).toThrow(/Unknown field/);
    });

    it('treats neq as "different or empty" and eq(null) as "empty"', () => {
        expect(buildFilter(columns, { kind: 'cmp', field: 'name', op: 'neq', value: 'a' }).sql).toBe('("name" IS NULL OR "name" <> ?)');
        expect(buildFilter(columns, { kind: 'cmp', field: 'name', op: 'eq', value: null }).sql).toBe('"name" IS NULL');
    });

    it('stores booleans as 0/1 and tests list membership with json_each', () => {
        expect(buildFilter(columns, { kind: 'cmp', field: 'done', op: 'eq', value: true }).params).toEqual([1]);
        expect(buildFilter(columns, { kind: 'in', field: 'tags', values: ['a', 'b'] }).sql).toMatch(/json_each\("tags"\) WHERE value IN \(\?, \?\)/);
    });

    it('escapes LIKE wildcards in user text', () => {
        expect(buildFilter(columns, { kind: 'cmp', field: 'name', op: 'like', value: '50%_off' }).params).toEqual(['%50\\%\\_off%']);
    });

    it('matches every word of a free-text search in some text column', () => {
        const built = buildFilter(columns, { kind: 'fts', text: 'late  refund' });
        expect(built.sql).toBe(`(("name" LIKE ? ESCAPE '\\' OR "body" LIKE ? ESCAPE '\\') AND ("name" LIKE ? ESCAPE '\\' OR "body" LIKE ? ESCAPE '\\'))`);
        expect(built.params).toEqual(['%late%', '%late%', '%refund%', '%refund%']);
    });

    it('makes an empty in() match nothing and an empty and() match everything', () => {
        expect(buildFilter(columns, { kind: 'in', field: 'name', values: [] }).sql).toBe('0');
        expect(buildFilter(columns, { kind: 'and', items: [] }).sql).toBe('1');
    });
});
