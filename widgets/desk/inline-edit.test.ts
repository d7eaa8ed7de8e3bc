/**
 * @jest-environment jsdom
 *
 * Inline edits against redraws: typing holds redraws back until the edit is committed or
 * left (with the region's note shown meanwhile); a merely focused field keeps its focus.
 */
import { InlineEdits } from './inline-edit';

const region = () => document.querySelector<HTMLElement>('#panel');
let version = 0;
function redraw(): void {
    version += 1;
    region()!.innerHTML = `<p data-edit-note hidden>behind</p><input id="name" value="v${version}"><select id="prio"><option>a</option></select>`;
}
const field = () => document.querySelector<HTMLInputElement>('#name')!;
const nextTask = () => new Promise((done) => setTimeout(done, 0));

beforeEach(() => {
    document.body.innerHTML = '<div id="panel"></div>';
    version = 0;
    redraw();
});

function typeInto(input: HTMLInputElement, text: string): void {
    input.focus();
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
}

it('waits while a field is typed in, says so, and redraws once the edit is committed', async () => {
    const edits = new InlineEdits(region);
    edits.draw(redraw);
    const typed = field();
    typeInto(typed, 'Pete');
    edits.draw(redraw);
    edits.draw(redraw);
    expect(field()).toBe(typed);
    expect(field().value).toBe('Pete');
    expect(region()!.querySelector<HTMLElement>('[data-edit-note]')!.hidden).toBe(false);
    typed.dispatchEvent(new Event('change', { bubbles: true }));
    // The field's own change handler reads the value first.
    expect(field().value).toBe('Pete');
    await nextTask();
    expect(field()).not.toBe(typed);
    expect(field().value).toBe(`v${version}`);
    expect(version).toBe(3);
});

it('redraws when the typed-in field is left without a change', async () => {
    const edits = new InlineEdits(region);
    edits.draw(redraw);
    typeInto(field(), 'half');
    edits.draw(redraw);
    field().dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await nextTask();
    expect(field().value).toBe(`v${version}`);
});

it('keeps focus and caret of a field that is focused but not typed in', () => {
    const edits = new InlineEdits(region);
    edits.draw(redraw);
    field().focus();
    field().setSelectionRange(1, 1);
    edits.draw(redraw);
    expect(document.activeElement).toBe(field());
    expect(field().value).toBe(`v${version}`);
    expect(field().selectionStart).toBe(1);
});
