/**
 * The operator's status switch in the user menu (SPEC §3.3), and the notifications of the
 * desk on every page (SPEC §2): a new session or a client message that concerns the user
 * shows a notice, counts in the tab title and plays a tone when the global setting allows.
 */
interface ClientWrotePush { line: string; session: string; sessionName: string }
interface NoticePush { line: string; session: string; text: string; kind: 'info' | 'warning' }

/** Sessions with news the user has not opened, by id. */
const unread = new Set<string>();
let sounds = true;

function redraw(): void {
    Context.data.unread = unread.size;
    UI.setBadge(unread.size);
    ViewContext.rerender();
}

/** Whether the user is looking at that session right now. */
function viewing(sessionId: string): boolean {
    return document.visibilityState === 'visible' && new URLSearchParams(location.search).get('session') === sessionId;
}

function alert(sessionId: string, text: string, kind: 'info' | 'warning' = 'info'): void {
    if (viewing(sessionId)) return;
    unread.add(sessionId);
    UI.notify(text, kind);
    if (sounds) UI.playSound();
    redraw();
}

export async function onInit(): Promise<void> {
    const me = await Server.call<{ status: string; staff: boolean }>('my_status');
    Context.data.staff = me.staff;
    Context.data.status = me.status;
    Context.data.online = me.status === 'online';
    if (!me.staff) return;
    sounds = (await Server.call<{ settings: { sounds: boolean } }>('settings')).settings.sounds;
    // The server sends each notice only to whom it concerns (scripts/shared/notices.ts).
    UI.onEvent('live_chats.notice', (payload) => {
        const push = payload as unknown as NoticePush;
        alert(push.session, push.text, push.kind);
    });
    // Sent only to the session's operator.
    UI.onEvent('live_chats.client_wrote', (payload) => {
        const push = payload as unknown as ClientWrotePush;
        alert(push.session, `New message in ${push.sessionName}`);
    });
    window.addEventListener('live-chats:read', (event) => {
        if (unread.delete((event as CustomEvent<{ session: string }>).detail.session)) redraw();
    });
}

export function canRender(): boolean {
    return Context.data.staff === true;
}

export async function switchStatus(event: Event): Promise<void> {
    const status = (event.target as HTMLSelectElement).value;
    try {
        await Server.call('set_status', { status });
        Context.data.status = status;
        Context.data.online = status === 'online';
        UI.notify(status === 'online' ? 'You are Online' : 'You are Offline: sessions are read-only', status === 'online' ? 'success' : 'warning');
        window.dispatchEvent(new CustomEvent('live-chats:status', { detail: { status } }));
    } catch (error) {
        UI.notify(error instanceof Error ? error.message : String(error), 'error');
    }
    ViewContext.rerender();
}
