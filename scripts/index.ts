/**
 * The server bundle's entry: every server script by the name the manifest uses, and the
 * server methods of each widget. The host looks scripts up here; nothing else is exported.
 */
type ScriptFunction = (...args: never[]) => Promise<unknown>;

export const scripts: Record<string, ScriptFunction> = {};

export const widgets: Record<string, Record<string, ScriptFunction>> = {};
