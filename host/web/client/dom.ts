/**
 * Building DOM nodes for interactive controls. Text always goes in as text nodes, so user
 * data can never become markup.
 */
type Attrs = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === false) continue;
        node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children) if (child !== undefined) node.append(child);
    return node;
}

/** The element by selector inside root. @throws Error when it is missing (a template bug). */
export function find<T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T {
    const found = root.querySelector(selector);
    if (!found) throw new Error(`missing ${selector}`);
    return found as T;
}

let counter = 0;
/** A document-unique id for label/for pairs. */
export function uid(prefix: string): string {
    counter += 1;
    return `${prefix}-${counter}`;
}
