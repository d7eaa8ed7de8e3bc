/** Handlebars templates compiled by webpack: a function from the context to HTML. */
declare module '*.hbs' {
    // A function declaration (not a const) so the web shell's identical declaration merges with it.
    export default function template(context: unknown): string;
}
