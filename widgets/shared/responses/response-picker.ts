/**
 * The picker of articles and templates in every composer (SPEC §7): a search as you type, or
 * `/code` typed in the reply itself; an article inserts its description and link, a template
 * its text rendered on the server for this reply, after the operator answers its questions
 * (`{{ask "…"}}`). What is inserted stays editable; what the server could not fill is listed
 * as warnings until the reply is sent. Everything works from the keyboard.
 */
import type { ResponseHit } from '../../../scripts/responses/response-hit';
import type { RenderResult as RenderedResponse } from '../../../scripts/responses/render';
import template from './response-picker.hbs';

// The server's answers, as the API methods give them.
export type { ResponseHit } from '../../../scripts/responses/response-hit';
export type { RenderResult as RenderedResponse } from '../../../scripts/responses/render';

/** How a composer reaches the server: the same two API methods, for its session or live chat. */
export interface ResponseSource {
    search(q: string): Promise<ResponseHit[]>;
    render(templateId: string, answers: Record<string, string>): Promise<RenderedResponse>;
}

export interface ResponsePicker {
    /** Opens the search, as the button does. */
    open(): Promise<void>;
    /** Stops listening to the reply box (before the composer is drawn again). */
    dispose(): void;
}

interface Slash { start: number; end: number; code: string }
interface Asking { hit: ResponseHit; questions: string[]; range: { start: number; end: number } }

/** `/code` right before the caret, at the start or after a space: what typing a short code looks like. */
export function slashBeforeCaret(value: string, caret: number): Slash | null {
    const match = /(^|\s)\/([\w-]{0,32})$/.exec(value.slice(0, caret));
    if (!match) return null;
    return { start: caret - match[2].length - 1, end: caret, code: match[2] };
}

/** What an article puts into the reply: its description, then its link. */
export function articleText(hit: ResponseHit): string {
    return [hit.description.trim(), (hit.link ?? '').trim()].filter(Boolean).join('\n');
}

let pickers = 0;

/** What outlives a composer drawn again for the same reply: the warnings not yet sent. */
export interface PickerMemory { warnings: string[] }

/**
 * Draws the picker into `panel` and follows `box`, the reply's text area.
 * @param notify shows an error the server gave (the composer's own notices).
 * @param memory kept by a composer that draws itself again (a push mid-reply) so the warnings stay.
 */
export function attachResponsePicker(
    box: HTMLTextAreaElement, panel: HTMLElement, source: ResponseSource, notify: (text: string) => void, memory: PickerMemory = { warnings: [] },
): ResponsePicker {
    const id = `lc-responses-${++pickers}`;
    let open = false;
    let searching = false;
    let loading = false;
    let items: ResponseHit[] = [];
    let active = -1;
    let slash: Slash | null = null;
    let asking: Asking | null = null;
    let asked = 0;
    let typed: ReturnType<typeof setTimeout> | undefined;

    const optionId = (i: number) => `${id}-option-${i}`;
    const searchBox = () => panel.querySelector<HTMLInputElement>('.lc-responses-search');

    function draw(): void {
        const focusSearch = document.activeElement === searchBox();
        const query = searchBox()?.value ?? '';
        panel.innerHTML = template({
            id, open, searching, slash: Boolean(slash), loading,
            active: active >= 0 ? optionId(active) : null,
            items: items.map((h, i) => ({ ...h, optionId: optionId(i), selected: i === active, kindName: h.kind === 'template' ? 'Template' : 'Article' })),
            prompts: asking ? { name: asking.hit.name, questions: asking.questions.map((question) => ({ question, answer: '' })) } : null,
            warnings: memory.warnings,
        });
        // A textarea is a textbox, which takes no aria-expanded: the active option is its state.
        if (open && slash) box.setAttribute('aria-activedescendant', active >= 0 ? optionId(active) : '');
        else box.removeAttribute('aria-activedescendant');
        const input = searchBox();
        if (input) {
            input.value = query;
            if (focusSearch) input.focus();
        }
    }

    /** The search in flight, if any: what Enter picks from once it answers. */
    let searched: Promise<void> = Promise.resolve();

    function find(q: string): Promise<void> {
        searched = search(q);
        return searched;
    }

    async function search(q: string): Promise<void> {
        const ticket = ++asked;
        loading = true;
        try {
            const found = await source.search(q);
            if (ticket !== asked) return;
            items = found;
            active = found.length ? 0 : -1;
        } catch (error) {
            if (ticket === asked) notify(error instanceof Error ? error.message : String(error));
            items = [];
            active = -1;
        } finally {
            if (ticket === asked) {
                loading = false;
                draw();
            }
        }
    }

    function close(focusBox: boolean): void {
        open = false;
        searching = false;
        slash = null;
        items = [];
        active = -1;
        asked++;
        draw();
        if (focusBox) box.focus();
    }

    function insert(text: string, range: { start: number; end: number }): void {
        box.value = box.value.slice(0, range.start) + text + box.value.slice(range.end);
        const caret = range.start + text.length;
        box.focus();
        box.setSelectionRange(caret, caret);
        // The composer keeps its draft from input events.
        box.dispatchEvent(new Event('input', { bubbles: true }));
    }

    async function renderAndInsert(hit: ResponseHit, range: { start: number; end: number }, answers: Record<string, string>): Promise<void> {
        try {
            const rendered = await source.render(hit.id, answers);
            if (rendered.prompts.length && !Object.keys(answers).length) {
                asking = { hit, questions: rendered.prompts, range };
                draw();
                panel.querySelector<HTMLInputElement>('.lc-responses-answer')?.focus();
                return;
            }
            asking = null;
            memory.warnings = rendered.warnings;
            draw();
            insert(rendered.text, range);
        } catch (error) {
            notify(error instanceof Error ? error.message : String(error));
        }
    }

    async function pick(index: number): Promise<void> {
        const hit = items[index];
        if (!hit) return;
        const range = slash ? { start: slash.start, end: slash.end } : { start: box.selectionStart, end: box.selectionEnd };
        close(false);
        if (hit.kind === 'article') {
            memory.warnings = [];
            draw();
            insert(articleText(hit), range);
            return;
        }
        await renderAndInsert(hit, range, {});
    }

    function answerAll(): void {
        if (!asking) return;
        const answers: Record<string, string> = {};
        for (const input of panel.querySelectorAll<HTMLInputElement>('.lc-responses-answer')) answers[input.dataset.question!] = input.value;
        void renderAndInsert(asking.hit, asking.range, answers);
    }

    function move(step: number): void {
        if (!items.length) return;
        active = (active + step + items.length) % items.length;
        draw();
        panel.querySelector(`#${optionId(active)}`)?.scrollIntoView?.({ block: 'nearest' });
    }

    /** Keys of the list, from the search field or (for `/code`) from the reply itself. Returns whether it was ours. */
    function listKey(event: KeyboardEvent): boolean {
        if (!open) return false;
        if (event.key === 'ArrowDown') move(1);
        else if (event.key === 'ArrowUp') move(-1);
        else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && loading) {
            // The list on screen answers what was typed before: pick from the answer to what was typed last.
            const ticket = asked;
            void searched.then(() => { if (ticket === asked && active >= 0) void pick(active); });
        } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && active >= 0) void pick(active);
        else if (event.key === 'Escape') close(true);
        else return false;
        event.preventDefault();
        event.stopImmediatePropagation();
        return true;
    }

    const onBoxKey = (event: KeyboardEvent) => {
        if (slash) listKey(event);
    };
    const onBoxInput = () => {
        const found = slashBeforeCaret(box.value, box.selectionEnd);
        if (!box.value.trim() && memory.warnings.length) memory.warnings = [];
        if (!found) {
            if (slash) close(false);
            else draw();
            return;
        }
        slash = found;
        open = true;
        searching = false;
        void find(`/${found.code}`);
    };
    const onSubmit = () => {
        memory.warnings = [];
        asking = null;
        if (open) close(false);
        else draw();
    };

    panel.addEventListener('click', (event) => {
        const target = event.target as HTMLElement;
        if (target.closest('.lc-responses-toggle')) {
            if (open) close(true);
            else void api.open();
        } else if (target.closest('.lc-responses-insert')) answerAll();
        else if (target.closest('.lc-responses-cancel')) { asking = null; draw(); box.focus(); }
        else if (target.closest('.lc-responses-dismiss')) { memory.warnings = []; draw(); box.focus(); }
        else {
            const option = target.closest<HTMLElement>('[role="option"][data-index]');
            if (option) void pick(Number(option.dataset.index));
        }
    });
    panel.addEventListener('input', (event) => {
        if (!(event.target as HTMLElement).classList.contains('lc-responses-search')) return;
        const q = (event.target as HTMLInputElement).value;
        clearTimeout(typed);
        typed = setTimeout(() => void find(q.trim()), 150);
    });
    panel.addEventListener('keydown', (event) => {
        const target = event.target as HTMLElement;
        if (target.classList.contains('lc-responses-search')) listKey(event);
        else if (target.classList.contains('lc-responses-answer') && (event.key === 'Enter' || event.key === 'Escape')) {
            // The answers sit inside the composer's form: Enter must not send the reply.
            event.preventDefault();
            event.stopPropagation();
            if (event.key === 'Enter') answerAll();
            else { asking = null; draw(); box.focus(); }
        }
    });
    box.addEventListener('keydown', onBoxKey, { capture: true });
    box.addEventListener('input', onBoxInput);
    box.setAttribute('aria-controls', `${id}-list`);
    box.setAttribute('aria-autocomplete', 'list');
    box.setAttribute('aria-haspopup', 'listbox');
    box.form?.addEventListener('submit', onSubmit);

    const api: ResponsePicker = {
        async open() {
            open = true;
            searching = true;
            slash = null;
            draw();
            searchBox()?.focus();
            await find('');
        },
        dispose() {
            clearTimeout(typed);
            asked++;
            box.removeEventListener('keydown', onBoxKey, { capture: true });
            box.removeEventListener('input', onBoxInput);
            box.form?.removeEventListener('submit', onSubmit);
        },
    };
    draw();
    return api;
}
