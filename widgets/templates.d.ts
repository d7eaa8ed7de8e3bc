/** Handlebars templates compiled by webpack: a function from the context to HTML. */
declare module '*.hbs' {
    const template: (context: unknown) => string;
    export default template;
}
