/**
 * The session's custom properties on the information panel: one control per property the
 * live chat declares (text, number, date, or Not set / Yes / No). A change is saved at once;
 * the server checks the value against the declared type and its refusal is shown as is.
 */
import { desk, reasonOf, type SessionCard } from './desk-state';

type Property = NonNullable<SessionCard['properties']>[number];

/** What info.hbs draws for each property. */
export function propertyRows(card: SessionCard) {
    return (card.properties ?? []).map((p: Property) => ({
        code: p.code, name: p.name, id: `lc-prop-${p.code}`,
        isBoolean: p.type === 'boolean', isNumber: p.type === 'number',
        inputType: p.type === 'number' ? 'number' : p.type === 'date' ? 'date' : 'text',
        value: p.value === null || typeof p.value === 'boolean' ? '' : String(p.value),
        choices: [{ value: '', label: 'Not set' }, { value: 'true', label: 'Yes' }, { value: 'false', label: 'No' }]
            .map((c) => ({ ...c, selected: c.value === (p.value === null ? '' : String(p.value)) })),
    }));
}

/** The control's text as the property's type: '' clears the value. */
function valueOf(property: Property, text: string): string | number | boolean | null {
    if (text.trim() === '') return null;
    if (property.type === 'number') return Number(text);
    if (property.type === 'boolean') return text === 'true';
    return text;
}

export async function propertyAction(event: Event): Promise<boolean> {
    const card = desk.card;
    const control = event.target as HTMLInputElement | HTMLSelectElement;
    const property = card?.properties?.find((p) => p.code === control.dataset.property);
    if (!card || !property) return false;
    try {
        await Server.call('set_custom_properties', { sessionId: card.session.id, properties: { [property.code]: valueOf(property, control.value) } });
        UI.notify(`${property.name} saved`, 'success');
        return true;
    } catch (error) {
        UI.notify(reasonOf(error), 'error');
        return false;
    }
}
