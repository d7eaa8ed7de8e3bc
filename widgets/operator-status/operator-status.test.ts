/**
 * @jest-environment jsdom
 *
 * The user menu's notifications follow the global `sounds` setting: a notice of a new session
 * plays a tone only while sounds are on; the notice and the badge come either way.
 */
import * as widget from './operator-status.client';

type Handler = (payload: unknown) => void;

async function mount(sounds: boolean) {
    const handlers = new Map<string, Handler>();
    const played: number[] = [];
    const notices: string[] = [];
    Object.assign(globalThis, {
        Context: { data: {} },
        ViewContext: { rerender: () => undefined },
        Server: {
            call: async (method: string) => (method === 'my_status' ? { status: 'online', staff: true } : { settings: { sounds } }),
        },
        UI: {
            onEvent: (event: string, handler: Handler) => {
                handlers.set(event, handler);
                return { dispose: () => undefined };
            },
            notify: (text: string) => notices.push(text),
            playSound: () => played.push(Date.now()),
            setBadge: () => undefined,
        },
    });
    await widget.onInit();
    return { played, notices, push: (event: string, payload: unknown) => handlers.get(event)!(payload) };
}

describe('operator status: sounds', () => {
    it('plays a tone for a new session while the sounds setting is on', async () => {
        const w = await mount(true);
        w.push('live_chats.notice', { line: 'l1', session: 's1', text: 'New session: Alice', kind: 'info' });
        expect(w.played).toHaveLength(1);
        expect(w.notices).toEqual(['New session: Alice']);
    });

    it('stays silent, but still tells, when the sounds setting is off', async () => {
        const w = await mount(false);
        w.push('live_chats.notice', { line: 'l1', session: 's2', text: 'New session: Bob', kind: 'info' });
        w.push('live_chats.client_wrote', { line: 'l1', session: 's2', sessionName: 'Bob' });
        expect(w.played).toHaveLength(0);
        expect(w.notices).toEqual(['New session: Bob', 'New message in Bob']);
    });
});
