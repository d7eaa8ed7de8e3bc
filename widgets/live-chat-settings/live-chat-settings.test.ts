/**
 * @jest-environment jsdom
 *
 * The global settings page: each setting of the catalogue with its control and help text;
 * saving sends the form's values, and a refusal is shown, not swallowed.
 */
import * as widget from './live-chat-settings.client';
import template from './live-chat-settings.hbs';

const catalogue = [
    { code: 'sounds', name: 'Sounds', help: 'The desk plays a sound when a new session arrives.', options: null },
    { code: 'send_with', name: 'Send with', help: 'The key that sends a reply.', options: [{ code: 'ctrl_enter', name: 'Ctrl+Enter' }, { code: 'enter', name: 'Enter' }] },
    { code: 'auto_offline_minutes', name: 'Auto-Offline after (minutes)', help: 'An Online user with no desk open turns <b>Offline</b>.', options: null },
];

async function mount(save: (values: Record<string, unknown>) => unknown) {
    const data: Record<string, unknown> = {};
    const root = document.createElement('section');
    document.body.replaceChildren(root);
    const sent: Record<string, unknown>[] = [];
    const notices: { text: string; kind: string }[] = [];
    Object.assign(globalThis, {
        Context: { data },
        ViewContext: { rerender: () => { root.innerHTML = template(data); } },
        Server: {
            call: async (method: string, params: Record<string, unknown>) => {
                if (method === 'settings') return { settings: { sounds: true, send_with: 'ctrl_enter', auto_offline_minutes: 2 }, catalogue };
                sent.push(params);
                return save(params);
            },
        },
        UI: { notify: (text: string, kind: string) => notices.push({ text, kind }) },
    });
    await widget.onInit();
    root.innerHTML = template(data);
    const submit = async () => {
        const form = root.querySelector('form')!;
        const event = new Event('submit', { cancelable: true });
        Object.defineProperty(event, 'target', { value: form });
        await widget.save(event);
    };
    return { root, sent, notices, submit };
}

describe('global settings page', () => {
    it('shows every setting with its help text, escaped', async () => {
        const { root } = await mount(() => ({}));
        expect(root.querySelector<HTMLInputElement>('#lcs-sounds')!.checked).toBe(true);
        expect(root.querySelector<HTMLSelectElement>('#lcs-send_with')!.value).toBe('ctrl_enter');
        expect(root.querySelector<HTMLInputElement>('#lcs-auto_offline_minutes')!.value).toBe('2');
        expect(root.querySelector('#lcs-sounds-help')!.textContent).toBe('The desk plays a sound when a new session arrives.');
        expect(root.querySelector('#lcs-auto_offline_minutes-help')!.textContent).toContain('<b>Offline</b>');
        expect(root.querySelector('#lcs-auto_offline_minutes-help b')).toBeNull();
    });

    it('saves the form\'s values and shows a refusal', async () => {
        const w = await mount((values) => ({ settings: values }));
        w.root.querySelector<HTMLInputElement>('#lcs-sounds')!.checked = false;
        w.root.querySelector<HTMLSelectElement>('#lcs-send_with')!.value = 'enter';
        w.root.querySelector<HTMLInputElement>('#lcs-auto_offline_minutes')!.value = '15';
        await w.submit();
        expect(w.sent).toEqual([{ sounds: false, send_with: 'enter', auto_offline_minutes: 15 }]);
        expect(w.notices).toEqual([{ text: 'Settings saved', kind: 'success' }]);
        expect(w.root.querySelector<HTMLInputElement>('#lcs-auto_offline_minutes')!.value).toBe('15');

        const refused = await mount(() => { throw new Error('Some settings are not valid'); });
        await refused.submit();
        expect(refused.notices).toEqual([{ text: 'Some settings are not valid', kind: 'error' }]);
    });
});
