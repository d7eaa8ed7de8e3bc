/**
 * What every field control offers the form: its element, the id its label points to, and
 * `read()`, which answers the value to send or the problem to show next to the field.
 */
import type { AppInfo, FieldInfo } from '../app-info';

export type Read = { value: unknown } | { problem: string };

export interface Control {
    element: HTMLElement;
    /** The id of the element a `<label for>` names; controls of several inputs use a legend instead. */
    labelFor?: string;
    read(): Read;
}

export interface ControlContext {
    app: AppInfo;
    field: FieldInfo;
    /** The id the main input takes. */
    id: string;
    /** The user's IANA time zone, for date-time fields. */
    zone: string;
}

export const empty = (text: string) => text.trim() === '';
