/** Short messages in the corner of the screen, read out by screen readers. */
import { el } from './dom';

export type NoticeKind = 'info' | 'success' | 'error';

export function notify(text: string, kind: NoticeKind = 'info'): void {
    let box = document.getElementById('notices');
    if (!box) {
        box = el('div', { id: 'notices', class: 'notices', role: 'status', 'aria-live': 'polite' });
        document.body.append(box);
    }
    const notice = el('div', { class: `notice notice-${kind}` }, text);
    box.append(notice);
    setTimeout(() => notice.remove(), kind === 'error' ? 8000 : 4000);
}
