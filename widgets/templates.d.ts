/** Handlebars templates compiled by webpack: a function from the context to HTML. */
declare module '*.hbs' {
    // A function declaration (not a const) so the web shell's identical declaration merges with it.
    export default function template(context: unknown): string;
}

/** A widget's stylesheet, bundled as text (see webpack.config.js). */
declare module '*.css' {
    const css: string;
    export default css;
}
