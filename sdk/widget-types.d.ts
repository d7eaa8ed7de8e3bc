/**
 * What widget client scripts work with (`<code>.client.ts`). The widget's markup is a Handlebars
 * template (`<code>.hbs`) rendered with `Context.data`; `Server.rpc.<method>()` runs a method of
 * `<code>.server.ts` with the same `Context` and brings its changes back.
 *
 * The client script exports plain functions. The shell calls, by name: `onInit()` before the
 * first render (set up `Context.data`, subscribe with `UI.onEvent`), `canRender()` (return
 * false to show nothing), then renders the template, then `onLoad()`. Every other export is a
 * handler the template names on an element: `data-on-click`, `data-on-input`, `data-on-change`,
 * `data-on-submit` (the default is prevented) or `data-on-keydown`; it receives the DOM event.
 * The shell does not render again by itself: call `ViewContext.rerender()` after changing data.
 *
 * ```ts
 * // widgets/greeting/greeting.client.ts       widgets/greeting/greeting.hbs:
 * export async function onInit() {             //   <p>{{text}}</p>
 *     await Server.rpc.load();                 //   <button data-on-click="refresh">Refresh</button>
 * }
 * export async function refresh() {
 *     await Server.rpc.load();
 *     ViewContext.rerender();
 * }
 * ```
 */
import type { TJSON } from './types';

/**
 * The widget's variables: its inputs and anything the scripts set. On an item form, each input
 * declared for the widget in the manifest starts with the value of the form field of the same
 * code (or the field the app's `formWidgets[].inputs` maps it to); on a page, inputs start empty.
 */
export interface WidgetContextData {
    [variable: string]: TJSON | undefined;
}

/** The widget's context. */
export interface WidgetContext {
    /**
     * The variables. Besides inputs, each setting the manifest declares for the widget
     * (`widgets[].settings`) is a variable of the same code: the value the app's
     * `formWidgets[].settings` gives it, else the setting's `default`, else `null`.
     */
    readonly data: WidgetContextData;
    /** The signed-in user. */
    readonly user: { readonly id: string; readonly fullname: string; readonly groupIds: readonly string[] };
    /**
     * The item form the widget is placed on: the app as `namespace.app` and the item's id
     * (`null` while the item is being created). `null` on a workspace page. Server methods
     * see only `Context.data`, so copy what they need into it.
     */
    readonly form: { readonly app: string; readonly itemId: string | null } | null;
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
     * Each method the manifest lists in the widget's `rpc` sends `Context.data` to the server
     * method of that name and merges what it set back into `Context.data`.
     * @throws Error with the server's `code` and `message` when the method fails.
     */
    readonly rpc: { readonly [method: string]: () => Promise<void> };
    /**
     * Calls one of the extension's own HTTP API methods (the manifest's `api`) as the signed-in
     * user, without sending `Context`: `GET` methods get `params` as the query, others as the
     * JSON body. The method checks permissions on the server as for any other caller.
     * @returns the method's JSON answer.
     * @throws {@link WidgetCallError} with the method's error `code` (e.g. `FORBIDDEN_ROLE`) and message.
     * @example const { sessions } = await Server.call<{ sessions: unknown[] }>('sessions', { lineId });
     */
    call<T = TJSON>(method: string, params?: { readonly [name: string]: TJSON | undefined }): Promise<T>;
    /**
     * The same-origin address of one of the extension's `GET` API methods with `params` as
     * its query, for a link the browser follows itself — a file the method answers with
     * `download()`. The method checks permissions when the link is followed.
     * @example link.href = Server.url('session_transcript', { sessionId })
     */
    url(method: string, params?: { readonly [name: string]: string | undefined }): string;
    /**
     * Stores a file the user picked and answers where it can be downloaded by signed-in users.
     * @throws {@link WidgetCallError} when the host refuses it (e.g. too large).
     */
    upload(file: File): Promise<UploadedFile>;
}

/** A file stored by {@link WidgetServer.upload}. */
export interface UploadedFile {
    readonly id: string;
    readonly name: string;
    readonly size: number;
    /** A same-origin URL that downloads the file. */
    readonly url: string;
}

/** What `Server.call` and `Server.upload` throw: the server's error code, HTTP status and message. */
export interface WidgetCallError extends Error {
    readonly code: string;
    readonly status: number;
}

/** A subscription that can be undone. */
export interface Subscription {
    /** Stops the subscription. */
    dispose(): void;
}

/** What the shell offers widgets. */
export interface WidgetUI {
    /**
     * Shows a short message at the corner of the screen; it goes by itself. At most three
     * show at once and the same text is not repeated.
     */
    notify(text: string, kind?: 'info' | 'success' | 'warning' | 'error'): void;
    /** Opens a path of the web shell, e.g. `/apps/live_chats/articles`. */
    navigate(path: string): void;
    /**
     * Opens an item's form.
     * @param app an app of the widget's own namespace by code (`articles`), or `namespace.app`.
     */
    openForm(app: string, itemId: string): void;
    /**
     * Calls `handler` for each realtime event of that name pushed to this user
     * (`System.realtime.publish` on the server). The tab's one WebSocket carries it; the
     * subscription ends when the user leaves the page, or earlier with `dispose()`.
     */
    onEvent(event: string, handler: (payload: TJSON) => void): Subscription;
    /**
     * Subscribes this tab to a topic, so what the server publishes to it with
     * `System.realtime.publishTo` reaches the tab's `UI.onEvent` handlers — if the user is in
     * the audience the publisher names. Subscribe to what the widget shows (an open record,
     * a list) and dispose when it stops showing it. Widgets of one tab share subscriptions;
     * the tab re-subscribes by itself after a reconnect.
     * @example const shown = UI.subscribe(`shop.order:${id}`); … shown.dispose();
     */
    subscribe(topic: string): Subscription;
    /**
     * Calls `handler` when the tab may have missed events: its connection fell too far behind
     * and was cut off from pushes, or it reconnected after a drop. Reload what the widget shows.
     */
    onRefresh(handler: () => void): Subscription;
    /**
     * Shows a count in front of the tab's title, e.g. `(3) Support · BRIX`, on every page until
     * changed; 0 removes it. One count per tab: the last call wins.
     */
    setBadge(count: number): void;
    /** Plays a short notification tone (nothing when the browser blocks audio). */
    playSound(): void;
}
