/** Handlebars templates compiled by webpack: the view model in, escaped HTML out. */
declare module '*.hbs' {
    // A function declaration (not a const) so the widgets' identical declaration merges with it.
    export default function template(context: unknown): string;
}
