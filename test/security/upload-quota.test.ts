/**
 * Uploads have limits: one file's size, and the bytes one user and the whole host keep.
 * A refused upload stores nothing and counts nothing; the counts survive a restart.
 */
import { startTestHost, type TestHost } from '../support/test-host';

describe('upload quotas', () => {
    let t: TestHost;
    const upload = (cookie: string, bytes: number, name = 'file.bin') => t.request({
        method: 'POST', url: `/api/files?name=${encodeURIComponent(name)}`, cookie,
        headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(bytes, 1),
    });

    beforeAll(async () => {
        t = await startTestHost({ packageFile: null, hostOptions: { uploads: { fileBytes: 4000, perUserBytes: 10_000, totalBytes: 15_000 } } });
    });
    afterAll(() => t.close());

    it('refuses a file over the size limit in the usual error shape', async () => {
        const res = await upload(await t.login('employee'), 4001);
        expect(res.statusCode).toBe(413);
        expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses a file name over 255 characters', async () => {
        const res = await upload(await t.login('employee'), 10, 'n'.repeat(256));
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
    });

    it('stops one user at their quota and the host at its total, across a restart', async () => {
        const employee = await t.login('employee');
        for (let i = 0; i < 3; i++) expect((await upload(employee, 3000)).statusCode).toBe(201);
        const over = await upload(employee, 1001);
        expect(over.statusCode).toBe(413);
        expect(over.json().error).toMatchObject({ code: 'QUOTA_EXCEEDED', message: expect.stringContaining('Your files take') });
        expect((await upload(employee, 1000)).statusCode).toBe(201);
        t = await t.restart();
        const operator = await t.login('operator1');
        expect((await upload(operator, 4000)).statusCode).toBe(201);
        const full = await upload(operator, 1001);
        expect(full.statusCode).toBe(413);
        expect(full.json().error.message).toMatch(/no room left/);
        expect((await upload(await t.login('employee'), 1)).json().error.code).toBe('QUOTA_EXCEEDED');
    });
});
