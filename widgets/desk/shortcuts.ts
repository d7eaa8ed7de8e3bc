/**
 * Keyboard shortcuts of the desk, as help desks have them: take the next waiting session,
 * move to the next or previous session of the list, close the open one (through the same
 * button, so its confirmation and refusals apply), search, and this help. Keys typed into
 * a field are the user's text, never a shortcut.
 */
import idle from './idle.hbs';
import help from './shortcuts.hbs';
import { desk, draw } from './desk-state';

export const keys = [
    { key: 'T', what: 'Take the next waiting session' },
    { key: 'J', what: 'Open the next session of the list' },
    { key: 'K', what: 'Open the previous session of the list' },
    { key: 'C', what: 'Close the open session (asks first)' },
    { key: '/', what: 'Search sessions' },
    { key: '?', what: 'Show these shortcuts' },
    { key: 'Esc', what: 'Close this help' },
];

/** The right side while nothing is open. */
export function drawIdle(): void {
    const waiting = desk.info.counts.queue ?? 0;
    draw('session', idle, { waiting, one: waiting === 1 });
}

function dialog(): HTMLDialogElement | null {
    return desk.root.querySelector<HTMLDialogElement>('.lc-help');
}

export function showShortcuts(): void {
    let box = dialog();
    if (!box) {
        desk.root.insertAdjacentHTML('beforeend', help({ keys }));
        box = dialog()!;
    }
    if (!box.open) box.showModal();
}

export function hideShortcuts(): void {
    dialog()?.close();
}

const typing = (target: EventTarget | null) => target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

function press(selector: string): void {
    const button = desk.root.querySelector<HTMLButtonElement>(selector);
    if (button && !button.disabled) button.click();
}

function step(by: 1 | -1): void {
    const rows = [...desk.root.querySelectorAll<HTMLButtonElement>('.lc-session')];
    if (!rows.length) return;
    const at = rows.findIndex((r) => r.classList.contains('is-current'));
    const next = rows[at < 0 ? (by > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + by))];
    next.click();
    next.focus();
}

function onKey(event: KeyboardEvent): void {
    if (!desk.root.isConnected) return void document.removeEventListener('keydown', onKey);
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (dialog()?.open && event.key !== '?') return;
    const act: Record<string, () => void> = {
        t: () => press('.lc-take-next'),
        j: () => step(1),
        k: () => step(-1),
        c: () => press('[data-on-click="closeSession"]'),
        '/': () => desk.root.querySelector<HTMLInputElement>('.lc-desk-search input')?.focus(),
        '?': showShortcuts,
    };
    const run = act[event.key.toLowerCase()] ?? act[event.key];
    if (!run) return;
    event.preventDefault();
    run();
}

export function followShortcuts(): void {
    document.removeEventListener('keydown', onKey);
    document.addEventListener('keydown', onKey);
}
