/**
 * The one way scripts turn a template into text: either one of the extension's own
 * templates (`templates/**.hbs`, precompiled by the build) or a template an administrator
 * wrote (a live chat's naming template, a rule's automatic reply), compiled once and kept.
 * Output is plain text, not HTML: it is stored as is and escaped wherever it is shown.
 */
import Handlebars from 'handlebars';

/** A compiled template: a function from the variables to the text. */
export type TextTemplate = (variables: object) => string;

const compiled = new Map<string, TextTemplate>();

function compile(source: string): TextTemplate {
    let fn = compiled.get(source);
    if (!fn) {
        fn = Handlebars.compile(source, { noEscape: true, strict: false });
        compiled.set(source, fn);
    }
    return fn;
}

/**
 * The rendered text, trimmed. An administrator's template that is broken or renders empty
 * gives `fallback` (by default the extension's own template), so a typo never stops a message.
 */
export function renderText(template: TextTemplate | string, variables: object, fallback?: TextTemplate | string): string {
    try {
        const text = (typeof template === 'string' ? compile(template) : template)(variables).trim();
        if (text || fallback === undefined) return text;
    } catch (error) {
        if (fallback === undefined) throw error;
    }
    return typeof fallback === 'string' ? fallback : renderText(fallback, variables);
}
