/**
 * What widget client scripts work with (`<code>.client.ts`). The widget's markup is a Handlebars
 * template rendered with `Context.data`; `Server.rpc.<method>()` runs a method of
 * `<code>.server.ts` with the same `Context` and brings its changes back.
 */
import type { TJSON } from './types';

/** The widget's variables: its inputs (bound to form fields) and anything the scripts set. */
export interface WidgetContextData {
    [variable: string]: TJSON | undefined;
}

/** The widget's context. */
export interface WidgetContext {
    /** The variables. */
    readonly data: WidgetContextData;
    /** The signed-in user. */
    readonly user: { readonly id: string; readonly fullname: string; readonly groupIds: readonly string[] };
}

/** The widget's view: its root element and a way to draw it again. */
export interface ViewContext {
    /** The element the widget is mounted in. */
    readonly root: HTMLElement;
    /** Renders the template again from `Context.data`. */
    rerender(): void;
}

/** Server methods of the widget: `await Server.rpc.loadThread()`. */
export interface WidgetServer {
    /**
     * Each method sends `Context.data` to the server method of that name and merges what it set back.
     * @throws Error with the server's `code` and `message` when the method fails.
     */
    readonly rpc: { readonly [method: string]: () => Promise<void> };
}

/** A subscription that can be undone. */
export interface Subscription {
    /** Stops the subscription. */
    dispose(): void;
}

/** What the shell offers widgets. */
export interface WidgetUI {
    /** Shows a short message at the corner of the screen. */
    notify(text: string, kind?: 'info' | 'success' | 'error'): void;
    /** Opens a path of the web shell, e.g. `/apps/live_chats/articles`. */
    navigate(path: string): void;
    /** Opens an item's form. */
    openForm(app: string, itemId: string): void;
    /** Calls `handler` for each realtime event of that name pushed to this user. */
    onEvent(event: string, handler: (payload: TJSON) => void): Subscription;
}
