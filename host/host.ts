/**
 * A host: store, runtime and HTTP server wired together. Tests create one in-process on
 * a temporary folder; the CLI creates one on `./data` and listens on a port.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AppItems } from './runtime/app-items';
import { EventDispatcher } from './runtime/event-dispatcher';
import { Extensions } from './runtime/extensions';
import { FileLinks } from './runtime/file-links';
import { MailSender } from './runtime/mail-sender';
import { createLogger, type Logger } from './runtime/logger';
import { MailboxWatchers } from './runtime/mailbox-watchers';
import { ScriptFiles } from './runtime/script-files';
import { RealtimeHub } from './runtime/realtime-hub';
import type { RealtimeLimits } from './runtime/realtime-tab';
import { Scheduler } from './runtime/scheduler';
import { ScriptItem } from './runtime/script-items';
import { ScriptRunner } from './runtime/script-runner';
import { ensureServiceUser } from './runtime/service-users';
import { usersApi } from './runtime/script-users';
import { setUserStatus } from './server/auth';
import { buildServer } from './server/http-server';
import type { LoginThrottleSettings } from './server/login-throttle';
import { ADMIN_GROUP } from './server/permissions';
import { PgBus } from './runtime/pg-bus';
import { LocalBus, type RealtimeBus } from './runtime/realtime-bus';
import { PgStore } from './store/postgres/pg-store';
import { SqliteStore } from './store/sqlite/sqlite-store';
import { AppAccess } from './runtime/app-access';
import type { Store, UserRecord } from './store/store';
import type { UploadLimits } from './web/upload-limits';

export interface HostOptions {
    /**
     * Folder of the SQLite file, unpacked packages and uploaded files; `:memory:` keeps the
     * store in memory. Instances sharing a PostgreSQL database share this folder too.
     */
    dataDir: string;
    /**
     * `postgres://…`: the store is this PostgreSQL database instead of SQLite, and several
     * instances may serve the same company behind a load balancer.
     */
    databaseUrl?: string;
    /** `postgres://…` of the realtime bus (LISTEN/NOTIFY); the database's by default. Only with `databaseUrl`. */
    busUrl?: string;
    /**
     * Base URL clients outside use, e.g. `http://localhost:3000`. Its origin is the only one
     * whose pages may change state or open the WebSocket; https makes the cookie `Secure`.
     */
    baseUrl?: string;
    /** Sign-in throttling; unset settings keep their defaults (login-throttle.ts). */
    loginThrottle?: Partial<LoginThrottleSettings>;
    /** Trust `X-Forwarded-*` headers from a reverse proxy, for client addresses and https. */
    trustProxy?: boolean | string;
    logger?: Logger;
    /** How many timer scripts may run at once (default 8); timers sharing a serial key still run one at a time. */
    timerConcurrency?: number;
    /** Largest upload and upload quotas per user and in total; unset ones keep their defaults (web/upload-limits.ts). */
    uploads?: Partial<UploadLimits>;
    /** Realtime coalescing window, slow-socket bound and topic limit; unset ones keep their defaults (runtime/realtime-tab.ts). */
    realtime?: Partial<RealtimeLimits>;
    /** Adds routes (the web shell) before the server starts. */
    extraRoutes?: (server: FastifyInstance) => void;
}

export class Host {
    private baseUrl: string;

    private constructor(
        readonly store: Store,
        readonly items: AppItems,
        readonly hub: RealtimeHub,
        readonly runner: ScriptRunner,
        readonly extensions: Extensions,
        readonly scheduler: Scheduler,
        readonly dispatcher: EventDispatcher,
        readonly server: FastifyInstance,
        readonly logger: Logger,
        readonly mailboxes: MailboxWatchers,
        readonly bus: RealtimeBus,
        options: HostOptions,
    ) {
        this.baseUrl = options.baseUrl ?? 'http://localhost:3000';
    }

    static async create(options: HostOptions): Promise<Host> {
        const logger = options.logger ?? createLogger();
        const store: Store = options.databaseUrl ? await PgStore.open(options.databaseUrl) : SqliteStore.open(options.dataDir);
        const bus: RealtimeBus = options.databaseUrl ? await PgBus.open(options.busUrl ?? options.databaseUrl, logger) : new LocalBus();
        const hub = new RealtimeHub(store, options.realtime, bus);
        let dispatcher: EventDispatcher | undefined;
        let scheduler: Scheduler | undefined;
        let host: Host | undefined;
        const baseUrl = () => host?.baseUrl ?? options.baseUrl ?? 'http://localhost:3000';
        let extensions: Extensions | undefined;
        let runner: ScriptRunner | undefined;
        const items = new AppItems(store, () => dispatcher?.kick(), async (write) => {
            const extension = extensions!.get(write.app.extensionId);
            if (!extension) return;
            const scope = { items, users: usersApi(store, () => write.actor), actor: () => write.actor };
            const key = write.app.table.key;
            await runner!.run({
                extension, script: write.app.manifest.beforeWrite!, userId: write.actor, itemId: write.row.__id as string,
                data: { action: write.action, __item: new ScriptItem(scope, key, write.row), previous: write.previous ? new ScriptItem(scope, key, write.previous) : null },
            });
        });
        const appAccess = new AppAccess(store, items);
        const filesRoot = options.dataDir === ':memory:' ? fsTemp() : options.dataDir;
        const files = new FileLinks(path.join(filesRoot, 'files'), path.join(filesRoot, 'file-links.key'), baseUrl);
        const mail = new MailSender(store);
        const mailboxes = new MailboxWatchers({
            store, logger, files: new ScriptFiles(files),
            run: async (extensionId, script, payload) => {
                const extension = extensions?.get(extensionId);
                if (!extension || !runner) return false;
                await runner.run({ extension, script, userId: null, data: { payload } });
                return true;
            },
        });
        runner = new ScriptRunner({
            store, items, hub, logger, files, mailboxes, baseUrl, mail,
            setTimer: async (ext, key, at, script, payload, serialKey) => {
                await scheduler!.set(ext, key, at, script, payload, serialKey);
                // The other instances look at the table again once the timer is there.
                if (bus.shared) store.afterCommit(() => bus.publish({ kind: 'timers' }));
            },
            cancelTimer: (key) => scheduler!.cancel(key),
            kick: () => dispatcher?.kick(),
            byNamespace: (namespace) => extensions?.byNamespace(namespace),
            subscribed: (publisher, event) => (extensions?.active() ?? []).some((e) => e.id !== publisher.id
                && e.manifest.events.some((h) => h.on === 'custom' && h.from === publisher.manifest.namespace && h.event === event)),
        });
        extensions = new Extensions(store, items, filesRoot, logger, async (ext) => {
            await appAccess.load(ext.id);
            await ensureServiceUser(store, ext);
            await scheduler!.armSchedules(ext);
        }, runner.globals, async (ext, script, previousVersion) => {
            await runner.run({ extension: ext, script, userId: null, data: { previousVersion } });
        });
        scheduler = new Scheduler(store, logger, async (timer) => {
            const extension = extensions.get(timer.extensionId)!;
            await runner.run({ extension, script: timer.script, userId: null, data: { payload: timer.payload } });
        }, (id) => extensions.get(id), options.timerConcurrency);
        dispatcher = new EventDispatcher(store, logger, () => extensions.active(), async (call) => {
            const payload = call.payload as { app?: string; id?: string; payload?: unknown; event?: string };
            const data: Record<string, unknown> = {};
            if (call.kind === 'custom') Object.assign(data, { payload: payload.payload, event: payload.event });
            else {
                const scope = { items, users: usersApi(store, () => null), actor: () => null };
                const row = await items.get(payload.app!, payload.id!);
                if (row) data.__item = new ScriptItem(scope, payload.app!, row);
            }
            await runner.run({ extension: call.extension, script: call.script, userId: null, data, itemId: payload.id });
        });
        const server = await buildServer({
            access: { apps: appAccess, changed: (extensionId) => store.afterCommit(() => void bus.publish({ kind: 'access', extensionId })) },
            store, items, extensions, runner, hub, logger, files, mail, extra: options.extraRoutes,
            baseUrl, throttle: options.loginThrottle, trustProxy: options.trustProxy, uploads: options.uploads,
        });
        await store.system.groups.upsert({ code: ADMIN_GROUP, name: 'Administrators', extensionId: null });
        bus.subscribe((message) => {
            if (message.kind === 'timers') scheduler!.poke();
            // Another instance changed who may use an app: read it again (this one's own change is already in place).
            if (message.kind === 'access') void appAccess.load(message.extensionId).catch((e: unknown) => logger.error({ err: e }, 'reloading app access failed'));
        });
        host = new Host(store, items, hub, runner, extensions, scheduler, dispatcher, server, logger, mailboxes, bus, options);
        await extensions.loadAll();
        scheduler.start();
        await mailboxes.start();
        dispatcher.kick();
        return host;
    }

    /** Listens on a port of one interface (only this machine by default); resolves with the address. */
    async listen(port: number, hostname = '127.0.0.1'): Promise<string> {
        const address = await this.server.listen({ port, host: hostname });
        return address;
    }

    setBaseUrl(url: string): void {
        this.baseUrl = url;
    }

    /** Blocks or re-activates a user; blocking signs them out everywhere and closes their sockets. */
    setUserStatus(userId: string, status: UserRecord['status']): Promise<void> {
        return setUserStatus(this.store, this.hub, userId, status);
    }

    /** Resolves when queued events have been handled and their pushes delivered here (tests wait on it). */
    async idle(): Promise<void> {
        await this.dispatcher.idle();
        // With several instances pushes cross the bus: wait until this one's reached its tabs.
        await this.hub.flush();
    }

    async close(): Promise<void> {
        await this.mailboxes.stop();
        await this.scheduler.stop();
        await this.dispatcher.idle();
        await this.server.close();
        await this.bus.close();
        await this.store.close();
    }
}

function fsTemp(): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'brix-host-'));
}
