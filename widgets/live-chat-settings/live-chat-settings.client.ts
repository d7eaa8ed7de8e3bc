/**
 * The global live chat settings page (SPEC §11): every setting of the catalogue with its
 * help text beside it; administrators save changes, and the server checks each value (a bad
 * one is refused with the reason and nothing is saved).
 */
import type { TJSON } from '@brix/sdk';

type Value = boolean | number | string;

interface Entry {
    code: string;
    name: string;
    help: string;
    options: { code: string; name: string }[] | null;
}

interface Field extends Entry {
    id: string;
    kind: 'boolean' | 'number' | 'choice';
    isBoolean: boolean;
    isChoice: boolean;
    checked: boolean;
    value: Value;
    choices: { code: string; name: string; selected: boolean }[];
}

/** The fields shown; the template reads them from `Context.data.fields`. */
let fields: Field[] = [];

function show(next: Field[]): void {
    fields = next;
    Context.data.fields = next as unknown as TJSON;
}

function fieldOf(entry: Entry, value: Value): Field {
    const kind = entry.options ? 'choice' : typeof value === 'boolean' ? 'boolean' : 'number';
    return {
        ...entry, id: `lcs-${entry.code}`, kind, isBoolean: kind === 'boolean', isChoice: kind === 'choice', checked: value === true, value,
        choices: (entry.options ?? []).map((o) => ({ ...o, selected: o.code === value })),
    };
}

export async function onInit(): Promise<void> {
    try {
        const { settings, catalogue } = await Server.call<{ settings: Record<string, Value>; catalogue: Entry[] }>('settings');
        show(catalogue.map((entry) => fieldOf(entry, settings[entry.code])));
        Context.data.error = null;
    } catch (error) {
        Context.data.error = error instanceof Error ? error.message : String(error);
    }
}

/** The form's values as the settings take them. */
function formValues(form: HTMLFormElement): Record<string, Value> {
    const values: Record<string, Value> = {};
    for (const field of fields) {
        const control = form.elements.namedItem(field.code) as HTMLInputElement | HTMLSelectElement | null;
        if (!control) continue;
        if (field.kind === 'boolean') values[field.code] = (control as HTMLInputElement).checked;
        else if (field.kind === 'number') values[field.code] = Number(control.value);
        else values[field.code] = control.value;
    }
    return values;
}

export async function save(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    try {
        const { settings } = await Server.call<{ settings: Record<string, Value> }>('save_settings', formValues(form));
        show(fields.map((f) => fieldOf(f, settings[f.code])));
        UI.notify('Settings saved', 'success');
    } catch (error) {
        UI.notify(error instanceof Error ? error.message : String(error), 'error');
    }
    ViewContext.rerender();
}
