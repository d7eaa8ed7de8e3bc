/**
 * `widgets/live-chat-messages/widget.json` is the widget's descriptor and its entry in the
 * manifest; the demo Contacts form places it by account. (Every RPC it lists is called in
 * messages-widget.test.ts, so a method missing on the server fails there.)
 */
import { assembleManifest } from '../../host/manifest/source-tree';
import { repoRoot } from '../support/test-host';

describe('Live Chat Messages descriptor', () => {
    const assembled = assembleManifest(repoRoot);
    if (!assembled.ok) throw new Error('the manifest does not assemble');
    const { manifest } = assembled;

    it('is in the manifest with its settings', () => {
        const widget = manifest.widgets?.find((w) => w.code === 'live-chat-messages');
        expect(widget?.rpc).toEqual(['load', 'loadEarlier', 'reply', 'startSession']);
        expect(widget?.settings?.map((s) => s.code)).toEqual(['show_history', 'account_field', 'bound_field', 'item_field', 'page_size']);
    });

    it('is placed on the demo Contacts form by account', () => {
        const contacts = manifest.apps?.find((a) => a.code === 'contacts');
        expect(contacts?.formWidgets).toEqual([{ widget: 'live-chat-messages', settings: { show_history: 'by_account', account_field: 'account' } }]);
        expect(contacts?.fields.find((f) => f.code === 'account')).toMatchObject({ type: 'SYS_COLLECTION', app: 'clients' });
    });
});
