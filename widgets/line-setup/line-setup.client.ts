/**
 * A live chat's setup page (SPEC §11), for administrators (the server refuses anyone else):
 * its operator, supervisor, reader and internal-customer groups picked from the host's
 * groups, its time zone, its session naming template with a preview the server renders the
 * way it names sessions, its custom session properties, and its channels with Reconnect and
 * Switch on/off.
 */
import type { TJSON } from '@brix/sdk';

type PropertyType = 'string' | 'number' | 'boolean' | 'date';
interface Property { code: string; name: string; type: PropertyType }
interface Setup {
    id: string; name: string; time_zone: string; naming_template: string; custom_properties: Property[];
    operator_groups: string[]; supervisor_groups: string[]; reader_groups: string[]; internal_customer_groups: string[];
}
interface Channel { id: string; name: string; kind: string; state: string; last_error: string | null }
interface Answer { lines: { id: string; name: string }[]; line?: Setup; groups?: { code: string; name: string }[]; zones?: string[]; channels?: Channel[] }

const groupFields = [
    { field: 'operator_groups', legend: 'Operator groups' },
    { field: 'supervisor_groups', legend: 'Supervisor groups' },
    { field: 'reader_groups', legend: 'Reader groups' },
    { field: 'internal_customer_groups', legend: 'Internal customer groups' },
] as const;
const types: PropertyType[] = ['string', 'number', 'boolean', 'date'];

let answer: Answer = { lines: [] };
let properties: Property[] = [];
let previewText = '';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function show(): void {
    const line = answer.line;
    Context.data.lines = answer.lines.map((l) => ({ ...l, selected: l.id === line?.id })) as unknown as TJSON;
    Context.data.line = (line ?? null) as unknown as TJSON;
    if (line) {
        Context.data.groupFields = groupFields.map(({ field, legend }) => ({
            field, legend,
            options: (answer.groups ?? []).map((g) => ({ ...g, id: `lsu-${field}-${g.code}`, checked: line[field].includes(g.code) })),
        })) as unknown as TJSON;
        Context.data.zones = (answer.zones ?? []).map((zone) => ({ zone, selected: zone === line.time_zone })) as unknown as TJSON;
        Context.data.variables = '{{client_name}}, {{channel_name}}, {{line_name}}, {{external_chat_name}}, {{date}}, {{time}}';
        Context.data.preview = previewText;
        Context.data.properties = properties.map((p, index) => ({ ...p, index, types: types.map((type) => ({ type, selected: type === p.type })) })) as unknown as TJSON;
        Context.data.channels = (answer.channels ?? []).map((c) => ({ ...c, off: c.state === 'disconnected' })) as unknown as TJSON;
    }
    ViewContext.rerender();
}

async function load(lineId: string | null): Promise<void> {
    try {
        answer = await Server.call<Answer>('line_setup', lineId ? { lineId } : {});
        properties = (answer.line?.custom_properties ?? []).map((p) => ({ ...p }));
        previewText = answer.line ? (await Server.call<{ name: string }>('preview_session_name', { lineId: answer.line.id })).name : '';
        Context.data.error = null;
    } catch (error) {
        Context.data.error = message(error);
    }
    show();
}

export async function onInit(): Promise<void> {
    await load(null);
}

export async function pickLine(event: Event): Promise<void> {
    await load((event.target as HTMLSelectElement).value || null);
}

let previewTimer: ReturnType<typeof setTimeout> | null = null;

/** Renders the template as typed, a moment after the last key, into the preview only. */
export function preview(event: Event): void {
    const input = event.target as HTMLInputElement;
    const form = input.form!;
    if (previewTimer) clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
        const zone = (form.elements.namedItem('time_zone') as HTMLSelectElement).value;
        void Server.call<{ name: string }>('preview_session_name', { lineId: answer.line!.id, naming_template: input.value, time_zone: zone }).then(
            ({ name }) => { previewText = name; form.ownerDocument.getElementById('lsu-preview')!.textContent = name; },
            (error: unknown) => UI.notify(message(error), 'error'),
        );
    }, 250);
}

/** Keeps the edited declarations without drawing again, so the field keeps its focus. */
export function editProperty(event: Event): void {
    const control = event.target as HTMLInputElement | HTMLSelectElement;
    const property = properties[Number(control.dataset.index)];
    const key = control.dataset.key as keyof Property;
    if (property && key) (property as unknown as Record<string, string>)[key] = control.value;
}

/** Draws again keeping what was typed in the form meanwhile. */
function redrawKeepingForm(form: HTMLFormElement | null): void {
    if (form && answer.line) Object.assign(answer.line, formValues(form));
    show();
}

export function addProperty(event: Event): void {
    properties.push({ code: '', name: '', type: 'string' });
    redrawKeepingForm((event.target as HTMLElement).closest('form'));
}

export function removeProperty(event: Event): void {
    properties.splice(Number((event.target as HTMLElement).dataset.index), 1);
    redrawKeepingForm((event.target as HTMLElement).closest('form'));
}

function formValues(form: HTMLFormElement) {
    const checked = (field: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${field}"]:checked`)].map((i) => i.value);
    return {
        ...Object.fromEntries(groupFields.map(({ field }) => [field, checked(field)])),
        time_zone: (form.elements.namedItem('time_zone') as HTMLSelectElement).value,
        naming_template: (form.elements.namedItem('naming_template') as HTMLInputElement).value,
    };
}

export async function save(event: Event): Promise<void> {
    const form = event.target as HTMLFormElement;
    const line = answer.line;
    if (!line) return;
    try {
        const saved = await Server.call<{ line: Setup }>('save_line_setup', { lineId: line.id, ...formValues(form), custom_properties: properties as unknown as TJSON });
        answer.line = saved.line;
        properties = saved.line.custom_properties.map((p) => ({ ...p }));
        Context.data.error = null;
        UI.notify('Live chat saved', 'success');
    } catch (error) {
        // Shown in the page too, so the reason stays readable after the toast is gone.
        Context.data.error = message(error);
        Object.assign(line, formValues(form));
    }
    show();
}

async function channelAction(event: Event, method: 'reconnect_channel' | 'disconnect_channel', done: string): Promise<void> {
    const channelId = (event.target as HTMLElement).dataset.channel;
    if (!channelId || !answer.line) return;
    try {
        await Server.call(method, { channelId });
        UI.notify(done, 'success');
    } catch (error) {
        UI.notify(message(error), 'error');
    }
    answer.channels = (await Server.call<Answer>('line_setup', { lineId: answer.line.id })).channels;
    show();
}

export const reconnect = (event: Event) => channelAction(event, 'reconnect_channel', 'Channel reconnected');
export const switchOff = (event: Event) => channelAction(event, 'disconnect_channel', 'Channel switched off');
