/**
 * Inline edits in a region the desk redraws on realtime pushes (the information panel).
 * A redraw replaces the region's markup: a field being typed in would lose its text, and
 * an Enter after the redraw would change nothing. So while a field has input that no
 * `change` has committed yet, the region's redraws wait (its `[data-edit-note]` shows), and
 * the last one happens when the edit ends (committed, or the field left). A field that is only focused keeps its focus
 * and caret across a redraw.
 */

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const isField = (target: EventTarget | null): target is Field =>
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;

export class InlineEdits {
    /** The field typed in since its last change, if any. */
    private typing: Field | null = null;
    /** A redraw asked for while typing. */
    private waiting: (() => void) | null = null;
    private listening = false;

    /** @param within the region's element, looked up anew: the region itself may be redrawn. */
    constructor(private readonly within: () => HTMLElement | null) {}

    /** Whether an edit in the region holds redraws back. */
    get active(): boolean {
        return this.typing !== null && this.typing.isConnected && Boolean(this.within()?.contains(this.typing));
    }

    /** Draws now, or once the edit in progress ends. */
    draw(draw: () => void): void {
        this.listen();
        if (this.active) {
            this.waiting = draw;
            // Says so, in the region's `[data-edit-note]`, so what is shown is known to be behind.
            const note = this.within()?.querySelector<HTMLElement>('[data-edit-note]');
            if (note) note.hidden = false;
            return;
        }
        this.typing = null;
        this.waiting = null;
        const box = this.within();
        const focused = box && isField(document.activeElement) && box.contains(document.activeElement) && document.activeElement.id ? document.activeElement : null;
        const caret = focused && !(focused instanceof HTMLSelectElement) ? [focused.selectionStart, focused.selectionEnd] as const : null;
        draw();
        if (!focused) return;
        const again = Array.from(this.within()?.querySelectorAll<Field>('input, textarea, select') ?? []).find((f) => f.id === focused.id);
        if (!again || again.disabled) return;
        again.focus();
        if (caret && !(again instanceof HTMLSelectElement) && caret[0] !== null && caret[1] !== null) {
            // Inputs such as numbers and dates have no caret to set.
            try { again.setSelectionRange(caret[0], caret[1]); } catch { /* no selection on this kind of input */ }
        }
    }

    /** Listens on the document once: the region's element changes as sessions open. */
    private listen(): void {
        if (this.listening) return;
        this.listening = true;
        const inRegion = (target: EventTarget | null): target is Field => isField(target) && Boolean(this.within()?.contains(target));
        document.addEventListener('input', (event) => {
            if (inRegion(event.target)) this.typing = event.target;
        }, true);
        const end = (event: Event) => {
            if (event.target !== this.typing) return;
            this.typing = null;
            const waiting = this.waiting;
            this.waiting = null;
            // After the field's own change handler has read what was typed.
            if (waiting) setTimeout(() => this.draw(waiting), 0);
        };
        document.addEventListener('change', end, true);
        document.addEventListener('focusout', end, true);
    }
}
