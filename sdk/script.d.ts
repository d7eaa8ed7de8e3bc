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
    /** The item an item event handler runs for; in an app's `beforeWrite` script, the item as it will be stored. */
    __item?: ApplicationItem<object>;
    /** In an app's `beforeWrite` script (manifest): the write being made. Throw to refuse it. */
    action?: 'create' | 'update' | 'delete';
    /** In an app's `beforeWrite` script: the item as it was before the write; null on create. */
    previous?: ApplicationItem<object> | null;
    /** The payload of a custom event, a timer or a scheduled run. */
    payload?: TJSON;
    /** In a custom event's handler: the event's name, e.g. `live_chats.session_closed`. */
    event?: string;
    /** In a method other extensions call (manifest `exports`): what the caller passed. */
    params?: TJSON;
    /** In a method other extensions call: who called it. */
    caller?: { readonly namespace: string };
    /**
     * Set by a workspace section's `pagesScript` (manifest): the pages to add to the navigation
     * for the signed-in user.
     */
    pages?: WorkspacePage[];
    /** Values a widget server method reads and writes; they travel back to the widget. */
    [variable: string]: unknown;
}

/**
 * A navigation page a section's `pagesScript` adds, e.g. one per record the user works with.
 * @example Context.data.pages = lines.map((l) => ({ code: `desk_${l.id}`, name: l.data.__name, widget: 'desk', params: { line: l.id } }));
 */
export interface WorkspacePage {
    /** Unique within the section. */
    code: string;
    /** The link text. */
    name: string;
    /** A widget of this extension (manifest `widgets`); pages naming another are left out. */
    widget: string;
    /** The widget's inputs, carried in the page's address (`?line=…`). */
    params?: Record<string, string | number>;
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
