/** A stylesheet imported as text (webpack `asset/source`). */
declare module '*.css' {
    const text: string;
    export default text;
}
