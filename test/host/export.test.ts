/**
 * Exporting an app's items as CSV or XLSX: the columns and cells each option gives, the
 * filter of the list, who may export, reading in keyset pages, and bad requests.
 */
import ExcelJS from 'exceljs';
import { after, keysetPages } from '../../host/runtime/export/keyset-pages';
import { parseCsv } from '../support/csv';
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { startTestHost, type TestHost } from '../support/test-host';

const manifest = fixtureManifest({
    groups: [{ code: 'staff', name: 'Staff' }, { code: 'exporters', name: 'Exporters' }],
    apps: [
        { code: 'projects', name: 'Projects', fields: [], permissions: { read: ['staff'] } },
        {
            code: 'tickets', name: 'Tickets', showDeleted: true,
            fields: [
                { code: 'topic', name: 'Topic', type: 'STRING' },
                { code: 'owner', name: 'Owner', type: 'SYS_USER' },
                { code: 'project', name: 'Project', type: 'SYS_COLLECTION', app: 'projects' },
                { code: 'level', name: 'Level', type: 'ENUM', options: [{ code: 'low', name: 'Low' }, { code: 'high', name: 'High' }] },
                { code: 'done', name: 'Done', type: 'BOOLEAN' },
                { code: 'due', name: 'Due', type: 'DATETIME' },
                { code: 'props', name: 'Properties', type: 'JSON', export: 'columns' },
                { code: 'bookkeeping', name: 'Bookkeeping', type: 'STRING', export: 'system' },
                { code: 'token', name: 'Token', type: 'STRING', secret: true },
            ],
            permissions: { read: ['staff', 'exporters'], export: ['exporters'] },
        },
    ],
});

type Table = string[][];

describe('export of an app\'s items', () => {
    let t: TestHost;
    let admin: string;
    let exporter: string;
    let staff: string;
    let ownerId: string;
    let projectId: string;
    const ids: string[] = [];

    const exportCsv = async (query: string, cookie = admin): Promise<Table> => {
        const res = await t.request({ method: 'GET', url: `/api/apps/fixture/tickets/export?format=csv&${query}`, cookie });
        expect(res.statusCode).toBe(200);
        return parseCsv(res.rawPayload.toString('utf8'));
    };
    const column = (table: Table, header: string) => table.slice(1).map((r) => r[table[0].indexOf(header)]);

    beforeAll(async () => {
        t = await startTestHost({ packageFile: null });
        await t.host.extensions.install(fixturePackage(manifest));
        const users = t.host.store.system.users;
        ownerId = (await users.byLogin('operator1'))!.id;
        await users.setGroups((await users.byLogin('reader'))!.id, ['exporters']);
        await users.setGroups((await users.byLogin('employee'))!.id, ['staff']);
        admin = await t.login('admin');
        exporter = await t.login('reader');
        staff = await t.login('employee');
        projectId = (await t.host.items.create('fixture.projects', { __name: 'Apollo' }, null)).__id;
        const rows = [
            { __name: 'Printer jam', topic: '=HYPERLINK("x")', owner: ownerId, project: projectId, level: 'high', done: true, due: '2026-03-01T10:00:00.000Z', props: { plan: 'gold', region: 'EU' }, bookkeeping: 'b1', token: 'sekret' },
            { __name: 'Login fails', topic: 'Password, "quoted"', owner: null, project: null, level: 'low', done: false, due: null, props: { plan: 'silver', seats: 5 }, bookkeeping: 'b2', token: null },
            { __name: 'Slow page', topic: 'Ünïcode', level: 'low' },
        ];
        for (const row of rows) {
            ids.push((await t.host.items.create('fixture.tickets', row, null)).__id);
            // Exports run oldest first; items of the same millisecond would follow their random ids.
            await new Promise((resolve) => setTimeout(resolve, 3));
        }
    });
    afterAll(() => t.close());

    it('writes one column per field, ids by default, custom properties as columns, no secrets and no system fields', async () => {
        const table = await exportCsv('');
        expect(table[0]).toEqual(['Name', 'Topic', 'Owner', 'Project', 'Level', 'Done', 'Due', 'Properties: plan', 'Properties: region', 'Properties: seats', 'Created', 'Author', 'Updated']);
        expect(table).toHaveLength(4);
        expect(column(table, 'Name')).toEqual(['Printer jam', 'Login fails', 'Slow page']);
        expect(column(table, 'Owner')).toEqual([ownerId, '', '']);
        expect(column(table, 'Project')).toEqual([projectId, '', '']);
        expect(column(table, 'Level')).toEqual(['high', 'low', 'low']);
        expect(column(table, 'Done')).toEqual(['true', 'false', '']);
        expect(column(table, 'Due')).toEqual(['2026-03-01T10:00:00.000Z', '', '']);
        expect(column(table, 'Properties: plan')).toEqual(['gold', 'silver', '']);
        expect(column(table, 'Properties: seats')).toEqual(['', '5', '']);
        expect(column(table, 'Topic')).toEqual(['\'=HYPERLINK("x")', 'Password, "quoted"', 'Ünïcode']);
        expect(JSON.stringify(table)).not.toContain('sekret');
    });

    it('adds ids, bookkeeping fields and deletion times with system information', async () => {
        const table = await exportCsv('system=1');
        expect(table[0]).toEqual(expect.arrayContaining(['ID', 'Bookkeeping', 'Deleted']));
        expect(table[0][0]).toBe('ID');
        expect(column(table, 'ID')).toEqual(ids);
        expect(column(table, 'Bookkeeping')).toEqual(['b1', 'b2', '']);
    });

    it('writes names of users, linked items and options instead of ids, and both with system information', async () => {
        const named = await exportCsv('names=1');
        expect(column(named, 'Owner')).toEqual(['Olga Operator', '', '']);
        expect(column(named, 'Project')).toEqual(['Apollo', '', '']);
        expect(column(named, 'Level')).toEqual(['High', 'Low', 'Low']);
        const both = await exportCsv('names=1&system=1');
        expect(column(both, 'Owner')).toEqual(['Olga Operator', '', '']);
        expect(column(both, 'Owner (id)')).toEqual([ownerId, '', '']);
        expect(column(both, 'Project (id)')).toEqual([projectId, '', '']);
    });

    it('exports only the rows the list filter shows with filtered=1, and every row without it', async () => {
        const filtered = await exportCsv('filtered=1&f.level=low&q=Slow');
        expect(column(filtered, 'Name')).toEqual(['Slow page']);
        expect(column(await exportCsv('f.level=low'), 'Name')).toHaveLength(3);
        const res = await t.request({ method: 'GET', url: '/api/apps/fixture/tickets/export?format=csv&filtered=1&f.level=low', cookie: admin });
        expect(res.headers['x-total-count']).toBe('2');
        expect(res.headers['content-disposition']).toMatch(/^attachment; filename="tickets-\d{4}-\d\d-\d\d\.csv"$/);
    });

    it('writes an XLSX workbook with typed cells', async () => {
        const res = await t.request({ method: 'GET', url: '/api/apps/fixture/tickets/export?format=xlsx&names=1', cookie: admin });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        expect(res.headers['x-total-count']).toBe('3');
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
        const sheet = workbook.getWorksheet('Tickets')!;
        const header = (sheet.getRow(1).values as unknown[]).slice(1);
        expect(header.slice(0, 4)).toEqual(['Name', 'Topic', 'Owner', 'Project']);
        expect(sheet.rowCount).toBe(4);
        const first = sheet.getRow(2);
        expect(first.getCell(1).value).toBe('Printer jam');
        expect(first.getCell(2).value).toBe('=HYPERLINK("x")');
        expect(first.getCell(3).value).toBe('Olga Operator');
        expect(first.getCell(header.indexOf('Done') + 1).value).toBe(true);
        expect(first.getCell(header.indexOf('Due') + 1).value).toEqual(new Date('2026-03-01T10:00:00.000Z'));
    });

    it('lets administrators and the groups of the export permission export, and nobody else', async () => {
        expect((await exportCsv('', exporter)).length).toBe(4);
        const refused = await t.request({ method: 'GET', url: '/api/apps/fixture/tickets/export?format=csv', cookie: staff });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.code).toBe('FORBIDDEN');
        const anonymous = await t.request({ method: 'GET', url: '/api/apps/fixture/tickets/export?format=csv' });
        expect(anonymous.statusCode).toBe(401);
    });

    it('answers bad requests with a clear error', async () => {
        const cases: [string, string][] = [
            ['format=pdf', 'format must be csv or xlsx'],
            ['', 'format must be csv or xlsx'],
            ['format=csv&names=yes', 'names must be 1 or 0'],
            ['format=csv&progress=a%20b', 'progress must be 1 to 64 letters, digits, - or _'],
            ['format=csv&filtered=1&f.nope=1', 'Unknown field nope'],
            ['format=csv&filtered=1&f.token=x', 'token is secret: lists neither filter nor sort by it'],
        ];
        for (const [query, message] of cases) {
            const res = await t.request({ method: 'GET', url: `/api/apps/fixture/tickets/export?${query}`, cookie: admin });
            expect(res.statusCode).toBe(400);
            expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', message });
        }
        expect((await t.request({ method: 'GET', url: '/api/apps/fixture/nothing/export?format=csv', cookie: admin })).statusCode).toBe(404);
    });

    it('reads the items in keyset pages that each start after the previous page', async () => {
        for (let i = 0; i < 7; i++) await t.host.items.create('fixture.tickets', { __name: `Bulk ${i}` }, null);
        const pages: string[][] = [];
        for await (const rows of keysetPages(t.host.items, 'fixture.tickets', {}, 4)) pages.push(rows.map((r) => r.__name as string));
        expect(pages.map((p) => p.length)).toEqual([4, 4, 2]);
        // Items created in the same millisecond follow each other by id, across page ends too.
        const all = await t.host.items.find('fixture.tickets', { sort: [{ field: '__createdAt', asc: true }, { field: '__id', asc: true }], size: 100 });
        expect(pages.flat()).toEqual(all.map((r) => r.__name));
        expect(new Set(pages.flat()).size).toBe(10);
        expect(after(all[0])).toMatchObject({ kind: 'and', items: [{ kind: 'cmp', field: '__createdAt', op: 'gte' }, { kind: 'or' }] });
    });

    it('writes exports of several pages whole: one header and one byte-order mark in CSV, every row in both formats', async () => {
        for (let i = 0; i < 450; i++) await t.host.items.create('fixture.tickets', { __name: `Page row ${i}`, topic: i % 2 ? 'a, "b"' : 'line\nbreak' }, null);
        const total = await t.host.items.count('fixture.tickets', {});
        expect(total).toBeGreaterThan(2 * 200);
        const res = await t.request({ method: 'GET', url: '/api/apps/fixture/tickets/export?format=csv', cookie: admin });
        const text = res.rawPayload.toString('utf8');
        expect(text.startsWith('\uFEFF')).toBe(true);
        expect(text.split('\uFEFF')).toHaveLength(2);
        const table = parseCsv(text);
        expect(table.filter((r) => r[0] === 'Name')).toHaveLength(1);
        expect(table).toHaveLength(total + 1);
        // Items of the same millisecond follow their random ids, so the order is not checked here.
        const names = column(table, 'Name');
        expect(new Set(names.filter((n) => n.startsWith('Page row')))).toEqual(new Set(Array.from({ length: 450 }, (_, i) => `Page row ${i}`)));
        const topics = column(table, 'Topic');
        expect([topics[names.indexOf('Page row 0')], topics[names.indexOf('Page row 1')]]).toEqual(['line\nbreak', 'a, "b"']);
        const xlsx = await t.request({ method: 'GET', url: '/api/apps/fixture/tickets/export?format=xlsx', cookie: admin });
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
        const sheet = workbook.getWorksheet('Tickets')!;
        expect(sheet.rowCount).toBe(total + 1);
        expect(String(sheet.getRow(total + 1).getCell(1).value)).toMatch(/^Page row \d+$/);
    });
});
