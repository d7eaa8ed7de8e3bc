/** The extension's text templates (templates/**.hbs), precompiled by the build: variables → text. */
declare module '*.hbs' {
    export default function template(variables: object): string;
}
