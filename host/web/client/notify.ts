/**
 * Short messages in the corner of the screen, read out by screen readers. At most three
 * show at once (the oldest gives way), the same text is never stacked twice, each goes by
 * itself after a while or on a click, and its colour says its kind.
 */
import { el } from './dom';

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

const MAX_VISIBLE = 3;
const lifetime: Record<NoticeKind, number> = { info: 5000, success: 4000, warning: 7000, error: 8000 };

export function notify(text: string, kind: NoticeKind = 'info'): void {
    let box = document.getElementById('notices');
    if (!box) {
        box = el('div', { id: 'notices', class: 'notices', role: 'status', 'aria-live': 'polite' });
        document.body.append(box);
    }
    for (const shown of box.querySelectorAll<HTMLElement>('.notice')) if (shown.dataset.text === text) shown.remove();
    const notice = el('div', { class: `notice notice-${kind}`, 'data-text': text, title: 'Click to dismiss' }, text);
    notice.addEventListener('click', () => notice.remove());
    box.append(notice);
    while (box.children.length > MAX_VISIBLE) box.firstElementChild?.remove();
    setTimeout(() => notice.remove(), lifetime[kind] ?? lifetime.info);
}
