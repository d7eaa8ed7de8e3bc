/**
 * `search().aggregate()`: scripts group and sum in the store, with the same filters as a
 * search, and get a clear error for a field that cannot be grouped or summed.
 */
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startTestHost, type TestHost } from '../support/test-host';

const manifest = fixtureManifest({
    apps: [{
        code: 'visits', name: 'Visits', permissions: {},
        fields: [
            { code: 'page', name: 'Page', type: 'STRING' },
            { code: 'day', name: 'Day', type: 'DATE' },
            { code: 'ms', name: 'Time', type: 'INTEGER' },
            { code: 'tags', name: 'Tags', type: 'SYS_USER', multiple: true },
        ],
    }],
    api: [{ code: 'report', script: 'report' }],
});

const server = `
const scripts = {
    async report(req) {
        for (const [page, day, ms] of [['a', [2026, 1, 1], 10], ['a', [2026, 1, 1], 30], ['a', [2026, 1, 2], 5], ['b', [2026, 1, 1], 7], ['b', [2026, 1, 3], null]]) {
            const v = Namespace.app.visits.create();
            Object.assign(v.data, { __name: page, page, day: new TDate(...day), ms });
            await v.save();
        }
        try {
            const spec = req.body.spec;
            const rows = await Namespace.app.visits.search().where((f) => f.day.lte(new TDate(2026, 1, 2))).aggregate(spec);
            return new HttpResponse().json({ rows });
        } catch (e) {
            return new HttpResponse().status(400).json({ error: { code: e.code, message: e.message } });
        }
    },
};
module.exports = { scripts, widgets: {} };
`;

describe('aggregate', () => {
    let t: TestHost;
    let cookie: string;
    beforeEach(async () => {
        t = await startTestHost({ packageFile: null });
        await t.host.extensions.install(fixturePackage(manifest, server));
        cookie = await t.login('admin');
    });
    afterEach(() => t.close());
    const report = (spec: object) => t.request({ method: 'POST', url: '/api/extensions/fixture/report', cookie, body: { spec } });

    it('groups the matching items and sums, maximises and minimises in the store', async () => {
        const res = await report({ groupBy: ['page', 'day'], sum: ['ms'], max: ['ms'], min: ['ms'] });
        const rows = (res.json().rows as { group: { page: string; day: string } }[]).sort((x, y) => `${x.group.page}${x.group.day}`.localeCompare(`${y.group.page}${y.group.day}`));
        expect(rows).toEqual([
            { group: { page: 'a', day: '2026-01-01' }, count: 2, sum: { ms: 40 }, max: { ms: 30 }, min: { ms: 10 } },
            { group: { page: 'a', day: '2026-01-02' }, count: 1, sum: { ms: 5 }, max: { ms: 5 }, min: { ms: 5 } },
            { group: { page: 'b', day: '2026-01-01' }, count: 1, sum: { ms: 7 }, max: { ms: 7 }, min: { ms: 7 } },
        ]);
        expect((await report({ sum: ['ms'] })).json().rows).toEqual([{ group: {}, count: 8, sum: { ms: 104 }, max: {}, min: {} }]);
    });

    it('refuses a field with several values, an unknown field and a text to sum', async () => {
        for (const spec of [{ groupBy: ['tags'] }, { groupBy: ['nothing'] }, { sum: ['page'] }]) {
            expect((await report(spec)).json().error.code).toBe('BAD_REQUEST');
        }
    });
});
