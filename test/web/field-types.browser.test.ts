/**
 * Every field type through the generic form in Chromium: the browser's checks next to the
 * fields, then the values the server stores, date-times taken in the user's time zone.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../host/server/passwords';
import { startBrowserHost, type BrowserHost } from '../support/browser';
import { writeProbePackage } from '../support/probe-extension';
import { DEMO_PASSWORD } from '../support/test-host';

describe('web shell: a control for each field type', () => {
    let b: BrowserHost;
    let noteId: string;
    beforeAll(async () => {
        b = await startBrowserHost();
        const { store, extensions, items } = b.t.host;
        await extensions.install(new Uint8Array(fs.readFileSync(writeProbePackage(b.t.dataDir))));
        const id = randomUUID();
        await store.system.users.create({ id, login: 'berlin', passwordHash: await hashPassword(DEMO_PASSWORD), fullname: 'Bea Berlin', email: null, timezone: 'Europe/Berlin', status: 'active' });
        await store.system.users.setGroups(id, ['administrators']);
        noteId = (await items.create('probe.notes', { __name: 'First note' }, null)).__id;
    });
    afterAll(() => b.close());

    it('checks, stores and shows every type', async () => {
        const page = await b.open('berlin');
        await page.goto('/apps/probe/samples/new');
        await page.getByLabel('Name').fill('Everything');
        await page.getByLabel('Count').fill('4.5');
        await page.getByLabel('Mail').fill('not an address');
        await page.getByRole('button', { name: 'Create' }).click();
        expect(await page.locator('[data-field="count"] .field-error').textContent()).toBe('Expected a whole number.');
        expect(await page.locator('[data-field="mail"] .field-error').textContent()).toBe('Expected an e-mail address.');
        expect(await page.getByLabel('Count').getAttribute('aria-invalid')).toBe('true');

        await page.getByLabel('Body').fill('Line one\nLine two');
        await page.getByLabel('Count').fill('42');
        await page.getByLabel('Ratio').fill('0.25');
        await page.getByLabel('Urgent').check();
        await page.getByLabel('Due').fill('2026-03-01T10:30');
        await page.getByLabel('Day').fill('2026-03-02');
        await page.getByLabel('Wait').fill('15');
        await page.getByLabel('Colour').selectOption('blue');
        await page.getByRole('searchbox', { name: 'Owner' }).fill('olga');
        await page.getByRole('button', { name: 'Olga Operator (operator1)' }).click();
        await page.getByRole('searchbox', { name: 'Note' }).fill('first');
        await page.getByRole('button', { name: 'First note' }).click();
        await page.getByLabel('Mail').fill('client@example.com');
        await page.getByLabel('Tel').fill('+49 30 1234567');
        await page.getByRole('button', { name: 'Add row' }).click();
        await page.getByLabel('What, row 1').fill('Bolts');
        await page.getByLabel('Qty, row 1').fill('3');
        await page.getByLabel('Attachment').setInputFiles({ name: 'plan.txt', mimeType: 'text/plain', buffer: Buffer.from('the plan') });
        await page.getByRole('link', { name: 'plan.txt' }).waitFor();
        await page.getByLabel('Extra').fill('{"source": "web"}');
        await page.getByRole('button', { name: 'Create' }).click();
        await page.getByRole('heading', { name: 'Everything' }).waitFor();

        const id = decodeURIComponent(page.url().split('/items/')[1]);
        const stored = b.t.host.items.json('probe.samples', (await b.t.host.items.get('probe.samples', id))!);
        const operator = await b.t.host.store.system.users.byLogin('operator1');
        expect(stored).toMatchObject({
            body: 'Line one\nLine two', count: 42, ratio: 0.25, urgent: true,
            due: '2026-03-01T09:30:00.000Z', day: '2026-03-02', wait: 15 * 60_000,
            colour: { code: 'blue', name: 'Blue' }, owner: operator!.id, note: noteId,
            mail: { type: 'work', email: 'client@example.com' }, tel: { type: 'work', tel: '+49 30 1234567' },
            rows: [{ what: 'Bolts', qty: 3 }], attachment: { name: 'plan.txt', size: 8, contentType: 'text/plain' },
            extra: { source: 'web' }, __status: { code: 'draft' },
        });

        // The saved form shows the values again, the date-time back in Berlin time.
        expect(await page.getByLabel('Due').inputValue()).toBe('2026-03-01T10:30');
        expect(await page.locator('[data-field="owner"] .chip').textContent()).toContain('Olga Operator');
        expect(await page.getByLabel('Qty, row 1').inputValue()).toBe('3');

        await page.getByLabel('Status').selectOption('done');
        await page.getByRole('button', { name: 'Change status' }).click();
        await page.getByText('Status changed').waitFor();
        expect((await b.t.host.items.get('probe.samples', id))?.__status).toBe('done');

        await page.goto('/apps/probe/samples?f.colour=blue');
        await page.getByRole('cell', { name: 'Olga Operator' }).waitFor();
        await page.getByRole('cell', { name: '2026-03-01 10:30' }).waitFor();
        await page.context().close();
    });
});
