/**
 * Runs extension scripts. The SDK's globals (`Context`, `Namespace`, `System`, ...) read
 * the current call from AsyncLocalStorage, so concurrent calls never see each other's
 * context. A script's exception is logged with the
 * extension, script and item and turned into a clear error; it never stops the host.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { HostError } from '../errors';
import type { Store } from '../store/store';
import type { AppItems } from './app-items';
import { Duration, TDate, TDatetime } from './datetime';
import type { LoadedExtension } from './extension-bundle';
import type { MailMessage, MailSender } from './mail-sender';
import type { FileLinks } from './file-links';
import { ScriptFiles } from './script-files';
import { sendThroughAccount, type OutgoingMail } from './mailbox-sender';
import { checkImapAccount, type MailboxWatchers } from './mailbox-watchers';
import { ApiError, HttpResponse } from './http-response';
import type { Logger } from './logger';
import { nothingToSend, type Audience, type RealtimeHub } from './realtime-hub';
import { scriptFetch } from './script-fetch';
import { extensionsApi } from './extension-calls';
import { appsApi } from './script-apps';
import { appHandle, type ScriptScope } from './script-items';
import { userGroupsApi, usersApi } from './script-users';

/** One script call. */
export interface ScriptCall {
    extension: LoadedExtension;
    script: string;
    userId: string | null;
    data: Record<string, unknown>;
    /** The item the call is about, for the log. */
    itemId?: string;
}

/** What the runner needs from the host. */
/** A custom event a script emitted, as in-process listeners receive it once its transaction commits. */
export interface EmittedEvent {
    extensionId: string;
    event: string;
    payload: unknown;
}

export interface RunnerServices {
    store: Store;
    items: AppItems;
    hub: RealtimeHub;
    logger: Logger;
    files: FileLinks;
    /** IMAP watches that outlive script calls. */
    mailboxes: MailboxWatchers;
    mail: MailSender;
    baseUrl: () => string;
    /** Sets a durable timer; the scheduler re-arms itself. */
    setTimer(extensionId: string, key: string, at: number, script: string, payload: unknown, serialKey: string | null): Promise<void>;
    cancelTimer(key: string): Promise<void>;
    /** Called after an event was queued, to wake the dispatcher. */
    kick(): void;
    /** The active extension with this namespace, for calls across extensions. */
    byNamespace?(namespace: string): LoadedExtension | undefined;
    /** Whether another active extension handles this event published by `publisher`; every event counts when absent. */
    subscribed?(publisher: LoadedExtension, event: string): boolean;
}

interface CallState {
    call: ScriptCall;
    context: { data: Record<string, unknown> };
    namespace: unknown;
    system: unknown;
}

export class ScriptRunner {
    private readonly current = new AsyncLocalStorage<CallState>();

    /** The SDK globals handed to every server bundle; the per-call ones read the current call. */
    readonly globals: Record<string, unknown>;

    private readonly listeners = new Set<(event: EmittedEvent) => void>();

    /**
     * Listens to the custom events scripts emit (after their transaction commits), e.g. for
     * monitoring. Not durable: a listener sees only what is emitted while it listens.
     * @returns a disposable that stops listening.
     */
    onDidEmit(listener: (event: EmittedEvent) => void): { dispose(): void } {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
    }

    constructor(private readonly services: RunnerServices) {
        const live = (pick: (s: CallState) => unknown) => new Proxy({}, {
            get: (_t, key) => Reflect.get(pick(this.running()) as object, key),
            set: (_t, key, value) => Reflect.set(pick(this.running()) as object, key, value),
            has: (_t, key) => Reflect.has(pick(this.running()) as object, key),
        });
        this.globals = {
            Context: live((s) => s.context),
            Namespace: live((s) => s.namespace),
            System: live((s) => s.system),
            TDatetime, TDate, Duration, HttpResponse, ApiError,
            fetch: scriptFetch,
        };
    }

    /** The call running now. @throws outside a script call */
    private running(): CallState {
        const s = this.current.getStore();
        if (!s) throw new Error('BRIX globals are only available while a script runs');
        return s;
    }

    /**
     * `Namespace` and `System` depend only on the extension and the user a call runs for (the
     * call itself is read from the running state where needed), so they are made once per pair,
     * not on every call: a webhook call used to build some sixty closures before it began.
     */
    private readonly built = new WeakMap<LoadedExtension, Map<string | null, Pick<CallState, 'namespace' | 'system'>>>();

    private build(call: ScriptCall): Pick<CallState, 'namespace' | 'system'> {
        let byUser = this.built.get(call.extension);
        if (!byUser) this.built.set(call.extension, (byUser = new Map()));
        let parts = byUser.get(call.userId);
        if (!parts) {
            // Bounded: a host with many users keeps those of recent calls.
            if (byUser.size >= 1_000) byUser.clear();
            parts = this.make(call.extension, call.userId);
            byUser.set(call.userId, parts);
        }
        return parts;
    }

    /** The `Namespace` and `System` of the extension's calls for `userId`. */
    private make(ext: LoadedExtension, userId: string | null): Pick<CallState, 'namespace' | 'system'> {
        const { store, items, hub, files, baseUrl } = this.services;
        const users = usersApi(store, () => userId);
        const scope: ScriptScope = { items, users, actor: () => userId };
        const apps: Record<string, unknown> = {};
        for (const app of ext.manifest.apps) apps[app.code] = appHandle(scope, `${ext.manifest.namespace}.${app.code}`);
        const namespace = {
            code: ext.manifest.namespace,
            app: Object.freeze(apps),
            storage: {
                getItem: (key: string) => store.system.storage.get(ext.id, key),
                setItem: (key: string, value: unknown) => store.system.storage.set(ext.id, key, value),
                removeItem: (key: string) => store.system.storage.remove(ext.id, key),
            },
        };
        // A push about a write must not arrive before it commits, nor at all if it rolls back.
        // Outside a transaction the push is awaited as before.
        const afterCommit = (event: string, push: () => Promise<void>): Promise<void> => {
            let sent: Promise<void> | undefined;
            store.afterCommit(() => {
                const p = push();
                sent = p === nothingToSend ? p : p.catch((err: unknown) => this.services.logger.error({ extension: ext.id, event, err }, 'realtime push failed'));
            });
            // Queued for after the commit: answered at once with the hub's one settled promise.
            return sent ?? nothingToSend;
        };
        const pushAfterCommit = (audience: Audience, event: string, payload: unknown) => afterCommit(event, () => hub.publish(audience, event, payload));
        const running = () => this.running();
        const extensionsOf = (call: ScriptCall) => extensionsApi({
            store,
            byNamespace: (namespace) => this.services.byNamespace?.(namespace),
            run: (next, args) => this.run(next, undefined, ...args),
        }, call);
        const system = {
            users,
            userGroups: userGroupsApi(store),
            realtime: {
                // Not async: afterCommit never throws, and scripts push several times per message.
                publish: (audience: Audience, event: string, payload: unknown) => pushAfterCommit(audience, event, payload),
                publishTo: (topic: string | string[], audience: Audience, event: string, payload: unknown, options?: { coalesce?: boolean }) =>
                    afterCommit(event, () => hub.publishTo(topic, audience, event, payload, { coalesce: options?.coalesce === true })),
                connections: async (userId: string) => hub.connections(userId),
                publishToGuests: async (topic: string, event: string, payload: unknown) =>
                    afterCommit(event, async () => hub.publishToGuests(topic, event, payload)),
                guests: async (topic: string) => hub.guests(topic),
            },
            crypto: {
                hmac: (algorithm: string, key: string, data: string) => {
                    if (algorithm !== 'sha256' && algorithm !== 'sha512') throw new HostError('VALIDATION_FAILED', `Unsupported HMAC algorithm ${algorithm}`);
                    return createHmac(algorithm, key).update(data).digest('hex');
                },
                equal: (a: string, b: string) => {
                    const x = Buffer.from(String(a));
                    const y = Buffer.from(String(b));
                    return x.length === y.length && timingSafeEqual(x, y);
                },
            },
            notifications: {
                send: async (audience: Audience, n: { title: string; text: string; link?: string }) => {
                    const now = Date.now();
                    const records = [...(await hub.resolve(audience))].map((userId) => ({
                        id: randomUUID(), userId, title: n.title, text: n.text, link: n.link ?? null, createdAt: now, readAt: null,
                    }));
                    await store.system.notifications.add(records);
                    for (const r of records) await pushAfterCommit({ users: [r.userId] }, 'notification', r);
                },
            },
            timers: {
                set: async (key: string, at: { getTime(): number }, script: string, payload?: unknown, options?: { serialKey?: string }) => {
                    if (typeof ext.scripts[script] !== 'function') throw new HostError('NOT_FOUND', `No script ${script} in ${ext.id}`);
                    const fullKey = `${ext.id}:${key}`;
                    const serialKey = options?.serialKey ? `${ext.id}:${options.serialKey}` : null;
                    await this.services.setTimer(ext.id, fullKey, at.getTime(), script, payload ?? null, serialKey);
                    return { dispose: () => this.services.cancelTimer(fullKey) };
                },
                cancel: (key: string) => this.services.cancelTimer(`${ext.id}:${key}`),
            },
            events: {
                emit: async (event: string, payload: unknown) => {
                    // Handlers run durably from the outbox; with none here and none in another extension, there is nothing to queue
                    // (a published event is emitted per message, and most hosts have no extension listening to it).
                    const own = ext.manifest.events.some((h) => h.on === 'custom' && h.event === event && (!h.from || h.from === ext.manifest.namespace));
                    const others = ext.manifest.publishes.includes(event) && (this.services.subscribed?.(ext, event) ?? true);
                    if (!own && !others && !this.listeners.size) return;
                    // Taken as JSON now (dates as text, no shared objects): what the script changes after emitting is not sent.
                    // Only when someone takes the event, so an event nobody listens to costs no copy.
                    const emitted: EmittedEvent = { extensionId: ext.id, event, payload: payload === undefined ? null : JSON.parse(JSON.stringify(payload)) };
                    if (this.listeners.size) store.afterCommit(() => this.listeners.forEach((listener) => listener(emitted)));
                    if (!own && !others) return;
                    await store.system.outbox.add(ext.id, 'custom', { event, payload: emitted.payload });
                    this.services.kick();
                },
            },
            mail: {
                configured: () => this.services.mail.configured(),
                send: (message: MailMessage) => this.services.mail.send(message),
            },
            files: {
                signedUrl: async (fileId: string, ttlSeconds?: number) => files.sign(fileId, ttlSeconds),
                create: async (name: string, content: Uint8Array | string, contentType?: string) => new ScriptFiles(files).create(name, content, contentType),
                read: async (fileId: string) => new ScriptFiles(files).read(fileId),
            },
            mailboxes: {
                watch: async (key: string, options: { imap: unknown; folder?: string; script: string; statusScript?: string; pollSeconds?: number }) => {
                    for (const script of [options.script, options.statusScript]) {
                        if (script !== undefined && typeof ext.scripts[script] !== 'function') throw new HostError('NOT_FOUND', `No script ${script} in ${ext.id}`);
                    }
                    const pollSeconds = Math.min(Math.max(Math.round(options.pollSeconds ?? 60), 1), 3600);
                    await this.services.mailboxes.watch({
                        extensionId: ext.id, key, imap: options.imap, folder: options.folder || 'INBOX',
                        script: options.script, statusScript: options.statusScript ?? null, pollSeconds,
                    });
                },
                unwatch: (key: string) => this.services.mailboxes.unwatch(ext.id, key),
                status: async (key: string) => this.services.mailboxes.status(ext.id, key) ?? null,
                check: (imap: unknown, folder?: string) => checkImapAccount(imap, folder || 'INBOX'),
                send: (smtp: unknown, mail: OutgoingMail) => sendThroughAccount(smtp, mail, new ScriptFiles(files)),
            },
            apps: appsApi({ store, items, users }, ext, userId),
            // Calls across extensions name the calling call: read when used.
            get extensions() {
                return extensionsOf(running().call);
            },
            randomToken: (bytes = 32) => randomBytes(Math.min(Math.max(Math.trunc(bytes) || 32, 16), 128)).toString('base64url'),
            transaction: <T>(work: () => Promise<T>) => store.transaction(work),
            get baseUrl() {
                return baseUrl();
            },
        };
        // Frozen: calls share them, so one script cannot change what another sees.
        return { namespace: Object.freeze(namespace), system: Object.freeze(system) };
    }

    /**
     * Runs `call.script` (or `fn` when given, e.g. a widget method) inside the call's context.
     * @throws ApiError or HostError as thrown on purpose; any other exception as SCRIPT_FAILED.
     */
    async run<T>(call: ScriptCall, fn?: (...args: unknown[]) => Promise<T>, ...args: unknown[]): Promise<T> {
        const target = fn ?? (call.extension.scripts[call.script] as ((...a: unknown[]) => Promise<T>) | undefined);
        if (typeof target !== 'function') throw new HostError('NOT_FOUND', `No script ${call.script} in ${call.extension.id}`);
        const state: CallState = { call, context: { data: call.data }, ...this.build(call) };
        try {
            const result = await this.current.run(state, () => target(...args));
            if (result instanceof HttpResponse && result.streamBody) result.streamBody = this.within(state, result.streamBody);
            return result;
        } catch (error) {
            throw this.failure(call, error);
        }
    }

    /** An error as the caller is answered: thrown on purpose as it is, anything else logged and SCRIPT_FAILED. */
    private failure(call: ScriptCall, error: unknown): Error {
        if (error instanceof ApiError || error instanceof HostError) return error;
        const message = error instanceof Error ? error.message : String(error);
        this.services.logger.error({ extension: call.extension.id, script: call.script, item: call.itemId, err: error }, 'script failed');
        return new HostError('SCRIPT_FAILED', `Script ${call.script} of ${call.extension.id} failed: ${message}`, { extension: call.extension.id, script: call.script });
    }

    /**
     * A streamed body whose every step runs in the call's context: the host reads it after
     * the handler returned, from the socket's events, where no call is current.
     */
    private async *within(state: CallState, body: AsyncIterable<string | Uint8Array>): AsyncGenerator<string | Uint8Array> {
        const iterator = this.current.run(state, () => body[Symbol.asyncIterator]());
        try {
            for (;;) {
                const step = await this.current.run(state, () => iterator.next());
                if (step.done) return;
                yield step.value;
            }
        } catch (error) {
            throw this.failure(state.call, error);
        } finally {
            await this.current.run(state, async () => iterator.return?.());
        }
    }
}
