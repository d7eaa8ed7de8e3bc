/**
 * `widget.json` is the widget's descriptor; the host reads the manifest's `widgets[]`. The
 * two must agree, and the demo Contacts form places it by account. (Every RPC it lists is
 * called in messages-widget.test.ts, so a method missing on the server fails there.)
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

describe('Live Chat Messages descriptor', () => {
    const descriptor = read('widgets/live-chat-messages/widget.json');
    const manifest = read('manifest/extension.json');

    it('is the manifest\'s widgets[] entry, word for word', () => {
        expect(manifest.widgets.find((w: { code: string }) => w.code === descriptor.code)).toEqual(descriptor);
    });

    it('is placed on the demo Contacts form by account', () => {
        const contacts = manifest.apps.find((a: { code: string }) => a.code === 'contacts');
        expect(contacts.formWidgets).toEqual([{ widget: 'live-chat-messages', settings: { show_history: 'by_account', account_field: 'account' } }]);
        expect(contacts.fields.find((f: { code: string }) => f.code === 'account')).toMatchObject({ type: 'SYS_COLLECTION', app: 'clients' });
    });
});
