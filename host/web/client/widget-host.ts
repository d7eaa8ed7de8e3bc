/**
 * Mounts an extension widget. Its bundle is evaluated in a function whose parameters are the
 * widget's own `Context`, `ViewContext`, `Server` and `UI`, so two widgets on one page never
 * share state. Elements of the template call exported handlers by name:
 * `<button data-on-click="save">` runs `save(event)`.
 */
import type { TJSON, WidgetContext, WidgetServer, WidgetUI, ViewContext } from '@brix/sdk';
import { api, query } from './api';
import { playSound, setBadge } from './attention';
import { notify } from './notify';
import * as realtime from './realtime';
import { navigate, type Cleanup } from './router';
import { currentUser } from './session';

interface WidgetModule {
    template?: (data: unknown) => string;
    onInit?: () => unknown;
    onLoad?: () => unknown;
    canRender?: () => boolean | Promise<boolean>;
    [handler: string]: unknown;
}

interface WidgetDescriptor {
    extension: string;
    namespace: string;
    code: string;
    name: string;
    rpc: string[];
    /** The HTTP verb of each of the extension's API methods, by code. */
    api: Record<string, string>;
    settings: { code: string; default?: string | number | boolean | null }[];
}

const domEvents = ['click', 'input', 'change', 'submit', 'keydown'] as const;

function reportFailure(widget: string, error: unknown): void {
    notify(`${widget}: ${error instanceof Error ? error.message : String(error)}`, 'error');
}

/**
 * @param inputs the widget's first context variables (form inputs, placement settings);
 *   declared settings missing from them start with their default.
 * @param form the item form the widget is placed on, if any.
 */
export async function mountWidget(extension: string, code: string, root: HTMLElement, inputs: Record<string, unknown>, form: WidgetContext['form'] = null): Promise<Cleanup> {
    const base = `${encodeURIComponent(extension)}/${encodeURIComponent(code)}`;
    const descriptor = await api<WidgetDescriptor>('GET', `/api/widgets/${base}`);
    const response = await fetch(`/web/widgets/${base}.js`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`The widget ${code} has no browser bundle`);
    const source = await response.text();
    const subscriptions: { dispose(): void }[] = [];
    const user = currentUser();
    let module: WidgetModule = {};

    for (const setting of descriptor.settings ?? []) if (inputs[setting.code] === undefined) inputs[setting.code] = setting.default ?? null;
    const context: WidgetContext = { data: inputs as WidgetContext['data'], user: { id: user.id, fullname: user.fullname, groupIds: user.groups }, form };
    const view: ViewContext = { root, rerender: () => { root.innerHTML = module.template?.(context.data) ?? ''; } };
    const rpc: Record<string, () => Promise<void>> = {};
    for (const method of descriptor.rpc) {
        rpc[method] = async () => {
            const answer = await api<{ context: Record<string, TJSON> }>('POST', `/api/widgets/${base}/rpc/${encodeURIComponent(method)}`, { context: context.data });
            Object.assign(context.data, answer.context);
        };
    }
    const server: WidgetServer = {
        rpc,
        call: <T>(method: string, params: Record<string, TJSON | undefined> = {}) => {
            const url = `/api/extensions/${encodeURIComponent(descriptor.namespace)}/${encodeURIComponent(method)}`;
            if (descriptor.api[method] === 'GET') return api<T>('GET', url + query(params as Record<string, string | number | boolean | undefined>));
            return api<T>(descriptor.api[method] ?? 'POST', url, params);
        },
        url: (method, params = {}) => `/api/extensions/${encodeURIComponent(descriptor.namespace)}/${encodeURIComponent(method)}${query(params)}`,
        upload: async (file) => {
            const stored = await api<{ id: string; name: string; size: number }>('POST', `/api/files${query({ name: file.name, type: file.type })}`, file);
            return { ...stored, url: `/api/files/${stored.id}` };
        },
    };
    const ui: WidgetUI = {
        notify,
        navigate: (path) => navigate(path),
        openForm: (app, itemId) => {
            const [ns, appCode] = app.includes('.') ? app.split('.') : [descriptor.namespace, app];
            navigate(`/apps/${encodeURIComponent(ns)}/${encodeURIComponent(appCode)}/items/${encodeURIComponent(itemId)}`);
        },
        setBadge,
        playSound,
        onEvent: (event, handler) => {
            const subscription = realtime.onEvent(event, (payload) => {
                Promise.resolve().then(() => handler(payload as TJSON)).catch((e) => reportFailure(descriptor.name, e));
            });
            subscriptions.push(subscription);
            return subscription;
        },
        subscribe: (topic) => {
            const subscription = realtime.subscribe(topic);
            subscriptions.push(subscription);
            return subscription;
        },
        onRefresh: (handler) => {
            const subscription = realtime.onRefresh(() => {
                Promise.resolve().then(handler).catch((e) => reportFailure(descriptor.name, e));
            });
            subscriptions.push(subscription);
            return subscription;
        },
    };

    // The bundle declares `var BrixWidgets`; inside this function it stays local to this mount.
    const factory = new Function('Context', 'ViewContext', 'Server', 'UI',
        `${source}\n;return typeof BrixWidgets === 'undefined' ? undefined : BrixWidgets[${JSON.stringify(code)}];`) as
        (c: WidgetContext, v: ViewContext, s: WidgetServer, u: WidgetUI) => WidgetModule | undefined;
    module = factory(context, view, server, ui) ?? {};

    for (const type of domEvents) {
        root.addEventListener(type, (event) => {
            const target = (event.target as Element).closest?.(`[data-on-${type}]`);
            if (!target || !root.contains(target)) return;
            const handler = module[target.getAttribute(`data-on-${type}`)!];
            if (typeof handler !== 'function') return;
            if (type === 'submit') event.preventDefault();
            Promise.resolve().then(() => handler(event)).catch((e) => reportFailure(descriptor.name, e));
        });
    }

    try {
        // Waits for the tab's socket so pushes the server sends right after onLoad are not missed.
        await realtime.connect();
        await module.onInit?.();
        if (module.canRender && !(await module.canRender())) return () => subscriptions.forEach((s) => s.dispose());
        view.rerender();
        await module.onLoad?.();
    } catch (error) {
        reportFailure(descriptor.name, error);
    }
    root.dataset.widgetReady = 'true';
    return () => subscriptions.forEach((s) => s.dispose());
}
