/**
 * Mounts a widget's client script and template in jsdom the way the web shell does
 * (host/web/client/widget-host.ts): the globals `Context`, `ViewContext`, `Server` and `UI`,
 * `data-on-<event>` handlers found by name, then onInit → render → onLoad. Server methods
 * are fakes that read `Context.data` and change it, like the real RPC round trip.
 */
import type { TJSON, WidgetContext } from '@brix/sdk';

type Handler = (event: Event) => unknown;
export interface WidgetModule { onInit?: () => unknown; onLoad?: () => unknown; canRender?: () => unknown; [name: string]: unknown }

export interface MountOptions {
    data?: Record<string, TJSON>;
    form?: WidgetContext['form'];
    /** Fake server methods by name; what they set on `data` is what the server would answer. */
    rpc: Record<string, (data: Record<string, TJSON | undefined>) => unknown>;
}

export interface MountedWidget {
    root: HTMLElement;
    data: Record<string, TJSON | undefined>;
    /** Names of the server methods called, in order, with the request each carried. */
    calls: { method: string; request: TJSON | undefined }[];
    notices: { text: string; kind: string }[];
    /** Runs the handler an element names for `type` (click, submit, change…) and waits for it. */
    fire(selector: string, type: string, prepare?: (element: Element) => void): Promise<void>;
    /** The realtime topics the widget follows now. */
    topics: Set<string>;
    /** Delivers a realtime event to the widget's subscribers. */
    emit(event: string, payload: TJSON): void;
}

export async function mountWidget(module: WidgetModule, template: (data: unknown) => string, options: MountOptions): Promise<MountedWidget> {
    document.body.innerHTML = '<section class="widget-box"></section>';
    const root = document.querySelector<HTMLElement>('.widget-box')!;
    const data: Record<string, TJSON | undefined> = { ...options.data };
    const calls: MountedWidget['calls'] = [];
    const notices: MountedWidget['notices'] = [];
    const listeners = new Map<string, ((payload: TJSON) => void)[]>();
    const topics = new Set<string>();
    const rpc: Record<string, () => Promise<void>> = {};
    for (const [method, fake] of Object.entries(options.rpc)) {
        rpc[method] = async () => {
            calls.push({ method, request: data.request });
            // The real round trip sends a JSON copy and merges the answer back.
            const sent = JSON.parse(JSON.stringify(data)) as Record<string, TJSON | undefined>;
            await fake(sent);
            Object.assign(data, sent);
        };
    }
    Object.assign(globalThis, {
        Context: { data, user: { id: 'u1', fullname: 'Test User', groupIds: [] }, form: options.form ?? null },
        ViewContext: { root, rerender: () => { root.innerHTML = template(data); } },
        Server: { rpc },
        UI: {
            notify: (text: string, kind = 'info') => notices.push({ text, kind }),
            navigate: () => undefined,
            openForm: () => undefined,
            onEvent: (event: string, handler: (payload: TJSON) => void) => {
                listeners.set(event, [...(listeners.get(event) ?? []), handler]);
                return { dispose: () => listeners.set(event, (listeners.get(event) ?? []).filter((h) => h !== handler)) };
            },
            subscribe: (topic: string) => {
                topics.add(topic);
                return { dispose: () => topics.delete(topic) };
            },
            onRefresh: () => ({ dispose: () => undefined }),
        },
    });
    await module.onInit?.();
    if (module.canRender && !(await module.canRender())) return { root, data, calls, notices, topics, fire: async () => undefined, emit: () => undefined };
    root.innerHTML = template(data);
    await module.onLoad?.();
    return {
        root, data, calls, notices, topics,
        async fire(selector, type, prepare) {
            const element = root.querySelector(selector);
            if (!element) throw new Error(`No ${selector} in the widget`);
            prepare?.(element);
            const handler = module[element.getAttribute(`data-on-${type}`) ?? ''];
            if (typeof handler !== 'function') throw new Error(`${selector} names no handler for ${type}`);
            const event = new Event(type, { bubbles: true, cancelable: true });
            Object.defineProperty(event, 'target', { value: element });
            await (handler as Handler)(event);
        },
        emit(event, payload) {
            for (const handler of listeners.get(event) ?? []) handler(payload);
        },
    };
}
