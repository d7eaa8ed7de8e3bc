/**
 * Renders plain-text templates (session names, automatic replies) with Handlebars. Output
 * is text, not HTML: it is stored as is and escaped wherever it is shown.
 */
import Handlebars from 'handlebars';

const compiled = new Map<string, ReturnType<typeof Handlebars.compile>>();

/** The rendered text, or `fallback` when the template is broken or renders empty. */
export function renderText(template: string, variables: Record<string, string>, fallback: string): string {
    try {
        let fn = compiled.get(template);
        if (!fn) {
            fn = Handlebars.compile(template, { noEscape: true, strict: false });
            compiled.set(template, fn);
        }
        const text = fn(variables).trim();
        return text || fallback;
    } catch {
        return fallback;
    }
}
