/**
 * @jest-environment jsdom
 *
 * The composer's picker of articles and templates: searching as you type, `/code` in the
 * reply, keyboard-only choice, questions asked before a template is inserted, warnings kept
 * until the reply is sent, and names shown as text.
 */
import { attachResponsePicker, slashBeforeCaret, type PickerMemory, type RenderedResponse, type ResponseHit } from './response-picker';

const hits: ResponseHit[] = [
    { kind: 'template', id: 't1', name: 'Greeting <b>bold</b>', description: 'First answer', folder: 'General', shortCode: 'greet', link: null },
    { kind: 'template', id: 't2', name: 'Order status', description: '', folder: '', shortCode: 'order', link: null },
    { kind: 'article', id: 'a1', name: 'Returns policy', description: 'Return within 30 days.', folder: 'Policies', shortCode: null, link: 'https://help.example.com/returns' },
];

function mount(renders: Record<string, (answers: Record<string, string>) => RenderedResponse> = {}, memory?: PickerMemory) {
    document.body.innerHTML = '<form><div class="panel"></div><textarea></textarea><button type="submit">Send</button></form>';
    const form = document.querySelector('form')!;
    const box = document.querySelector('textarea')!;
    const panel = document.querySelector<HTMLElement>('.panel')!;
    const searches: string[] = [];
    const rendered: { id: string; answers: Record<string, string> }[] = [];
    const errors: string[] = [];
    let sent = 0;
    form.addEventListener('submit', (e) => { e.preventDefault(); sent++; });
    box.addEventListener('keydown', (e) => { if (e.key === 'Enter' && e.ctrlKey) form.requestSubmit(); });
    const picker = attachResponsePicker(box, panel, {
        async search(q) {
            searches.push(q);
            if (q.startsWith('/')) return hits.filter((h) => h.shortCode?.startsWith(q.slice(1)));
            return hits.filter((h) => `${h.name} ${h.description}`.toLowerCase().includes(q.toLowerCase()));
        },
        async render(id, answers) {
            rendered.push({ id, answers });
            return (renders[id] ?? (() => ({ text: `text of ${id}`, warnings: [], prompts: [] })))(answers);
        },
    }, (text) => errors.push(text), memory);
    return { form, box, panel, picker, searches, rendered, errors, sent: () => sent };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const key = (el: Element, k: string, init: KeyboardEventInit = {}) => el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
function type(box: HTMLTextAreaElement, value: string): void {
    box.value = value;
    box.setSelectionRange(value.length, value.length);
    box.dispatchEvent(new Event('input', { bubbles: true }));
}
const options = (panel: HTMLElement) => [...panel.querySelectorAll('[role="option"][data-index]')].map((o) => o.textContent!.replace(/\s+/g, ' ').trim());

describe('response picker', () => {
    it('finds a short code before the caret only at the start or after a space', () => {
        expect(slashBeforeCaret('/gre', 4)).toEqual({ start: 0, end: 4, code: 'gre' });
        expect(slashBeforeCaret('Hi /or', 6)).toEqual({ start: 3, end: 6, code: 'or' });
        expect(slashBeforeCaret('see a/b', 7)).toBeNull();
        expect(slashBeforeCaret('/greet now', 10)).toBeNull();
    });

    it('searches as the operator types and inserts an article with its link, by keyboard only', async () => {
        jest.useFakeTimers();
        const { box, panel, picker, searches } = mount();
        box.value = 'Hello. ';
        box.setSelectionRange(7, 7);
        await picker.open();
        const search = panel.querySelector<HTMLInputElement>('input[role="combobox"]')!;
        expect(document.activeElement).toBe(search);
        expect(options(panel)).toHaveLength(3);
        search.value = 'return';
        search.dispatchEvent(new Event('input', { bubbles: true }));
        jest.advanceTimersByTime(200);
        jest.useRealTimers();
        await settle();
        expect(searches).toEqual(['', 'return']);
        expect(options(panel)).toEqual(['Returns policy Article · Policies · Return within 30 days.']);
        expect(search.getAttribute('aria-activedescendant')).toBe(panel.querySelector('[aria-selected="true"]')!.id);
        key(panel.querySelector('input[role="combobox"]')!, 'Enter');
        await settle();
        expect(box.value).toBe('Hello. Return within 30 days.\nhttps://help.example.com/returns');
        expect(document.activeElement).toBe(box);
        expect(panel.querySelector('[role="listbox"]')).toBeNull();
    });

    it('inserts by /code from the reply itself without sending, arrows choosing, Escape closing', async () => {
        const { box, panel, sent, rendered } = mount();
        type(box, 'Hi /');
        await settle();
        expect(options(panel).map((o) => o.split(' /')[0])).toEqual(['Greeting <b>bold</b>', 'Order status']);
        expect(panel.querySelector('b')).toBeNull();
        key(box, 'ArrowDown');
        expect(box.getAttribute('aria-activedescendant')).toBe(panel.querySelectorAll('[role="option"]')[1].id);
        key(box, 'Escape');
        expect(panel.querySelector('[role="listbox"]')).toBeNull();
        type(box, 'Hi /gre');
        await settle();
        expect(options(panel)).toHaveLength(1);
        key(box, 'Enter', { ctrlKey: true });
        await settle();
        expect(sent()).toBe(0);
        expect(rendered).toEqual([{ id: 't1', answers: {} }]);
        expect(box.value).toBe('Hi text of t1');
    });

    it('picks from the answer to what was typed last when Enter comes before it', async () => {
        const { box, panel, rendered, picker } = mount();
        type(box, '/');
        await settle();
        expect(options(panel)).toHaveLength(2);
        // The answer to "/ord" is still on its way: the list on screen is the one for "/".
        type(box, '/ord');
        key(box, 'Enter');
        await settle();
        await settle();
        expect(rendered.map((r) => r.id)).toEqual(['t2']);
        expect(box.value).toBe('text of t2');
        picker.dispose();
    });

    it('asks the questions of a template, then inserts its text, still editable, with the warnings until sent', async () => {
        const { box, panel, rendered, form, sent } = mount({
            t2: (answers) => answers['Order number']
                ? { text: `Order ${answers['Order number']} for`, warnings: ['{{client_name}} is empty'], prompts: ['Order number'] }
                : { text: 'Order [Order number] for', warnings: ['"Order number" is not answered yet'], prompts: ['Order number'] },
        });
        type(box, '/order');
        await settle();
        key(box, 'Tab');
        await settle();
        const answer = panel.querySelector<HTMLInputElement>('input.lc-responses-answer')!;
        expect(document.activeElement).toBe(answer);
        expect(panel.querySelector('legend')!.textContent).toContain('Order status');
        expect(box.value).toBe('/order');
        answer.value = 'A-17 <i>x</i>';
        key(answer, 'Enter');
        await settle();
        expect(sent()).toBe(0);
        expect(rendered.at(-1)).toEqual({ id: 't2', answers: { 'Order number': 'A-17 <i>x</i>' } });
        expect(box.value).toBe('Order A-17 <i>x</i> for');
        expect(panel.querySelector('[role="alert"]')!.textContent).toContain('{{client_name}} is empty');
        type(box, `${box.value} you`);
        expect(panel.querySelector('[role="alert"]')).not.toBeNull();
        form.requestSubmit();
        expect(sent()).toBe(1);
        expect(panel.querySelector('[role="alert"]')).toBeNull();
    });

    it('shows the server refusal and leaves the reply alone', async () => {
        const { box, panel, errors } = mount({ t1: () => { throw new Error('Switch to Online to work on sessions'); } });
        type(box, '/greet');
        await settle();
        key(box, 'Enter');
        await settle();
        expect(errors).toEqual(['Switch to Online to work on sessions']);
        expect(box.value).toBe('/greet');
        expect(panel.querySelector('[role="alert"]')).toBeNull();
    });

    it('keeps the warnings when the composer is drawn again before sending', async () => {
        const memory: PickerMemory = { warnings: [] };
        const first = mount({ t1: () => ({ text: 'Hi ', warnings: ['{{client_name}} is empty'], prompts: [] }) }, memory);
        type(first.box, '/greet');
        await settle();
        key(first.box, 'Enter');
        await settle();
        first.picker.dispose();
        const again = mount({}, memory);
        expect(again.panel.querySelector('[role="alert"]')!.textContent).toContain('{{client_name}} is empty');
        again.panel.querySelector<HTMLButtonElement>('.lc-responses-dismiss')!.click();
        expect(memory.warnings).toEqual([]);
        expect(again.panel.querySelector('[role="alert"]')).toBeNull();
    });
});
