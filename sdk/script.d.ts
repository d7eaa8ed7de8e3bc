/**
 * What server scripts work with: the namespace, the per-call context.
 */
import type { App } from './items';
import type { Storage } from './system';
import type { ApplicationItem, TJSON } from './types';

/**
 * The namespace's apps, filled in by the extension through declaration merging:
 * `declare module '@brix/sdk' { interface NamespaceApps { articles: App<ArticleData> } }`.
 */
export interface NamespaceApps {}

/** What a script's `Context.data` holds; extensions may merge in their own variables. */
export interface ContextData {
    /** The item an item event handler runs for. */
    __item?: ApplicationItem<object>;
    /** The payload of a custom event, a timer or a scheduled run. */
    payload?: TJSON;
    /** Values a widget server method reads and writes; they travel back to the widget. */
    [variable: string]: unknown;
}

/** The per-call context of a script. */
export interface ScriptContext {
    /** The script's variables. */
    readonly data: ContextData;
}

/** The extension's own workspace. */
export interface NamespaceApi {
    /** The namespace code, e.g. `live_chats`. */
    readonly code: string;
    /** The apps the manifest declares. */
    readonly app: NamespaceApps;
    /** A key-value store kept with the extension. */
    readonly storage: Storage;
}
