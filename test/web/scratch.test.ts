import { startBrowserHost } from '../support/browser';
it('screens', async () => {
    const b = await startBrowserHost();
    const items = [
        ['Refund policy', 'How refunds for damaged parcels work', 'https://example.com/refunds', 'Billing'],
        ['Delivery times', 'Standard, express and same-day delivery windows', 'https://example.com/delivery', 'Shipping'],
        ['Opening hours', 'Support answers 9:00–18:00 on working days', 'https://example.com/hours', 'General'],
        ['Password reset', 'Steps to reset a forgotten password', 'https://example.com/reset', 'Accounts'],
        ['Invoice copies', 'Where customers download past invoices', 'https://example.com/invoices', 'Billing'],
    ];
    for (const [n, d, l, f] of items) await b.t.host.items.create('live_chats.articles', { __name: n, description: d, link: l, folder: f }, null);
    const page = await b.open('admin');
    await page.goto('/apps/live_chats/articles');
    await page.getByRole('link', { name: 'Refund policy' }).waitFor();
    await page.screenshot({ path: 'docs/screenshots/articles-list.png' });
    await page.goto('/apps/live_chats/blocklist/new');
    await page.getByLabel('Until').waitFor();
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'docs/screenshots/blocklist-form.png' });
    const phone = await b.open('supervisor', { width: 390, height: 844 });
    await phone.goto('/apps/live_chats/articles');
    await phone.getByRole('link', { name: 'Refund policy' }).waitFor();
    await phone.screenshot({ path: 'docs/screenshots/articles-phone.png' });
    await b.close();
});
