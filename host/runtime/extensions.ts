/**
 * Installed extensions: install and upgrade (validate, migrate, unpack, load — all or
 * nothing), uninstall, and loading at start. A failing extension is isolated: its status
 * and last error are stored and shown, the host and other extensions go on.
 */
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { HostError } from '../errors';
import type { AppManifest, Manifest } from '../manifest/schema';
import type { AppTable, ExtensionRecord, MigrationStep, Store } from '../store/store';
import type { AppItems } from './app-items';
import { loadBundle, type LoadedExtension } from './extension-bundle';
import type { Logger } from './logger';
import { readPackage, type ExtensionPackage } from './package-file';

export const HOST_VERSION = '0.1.0';

export interface InstallProgress {
    step: 'validate' | 'unpack' | 'load' | 'migrate' | 'activate' | 'done';
    percent: number;
}

export interface InstallResult {
    id: string;
    version: string;
    previousVersion: string | null;
    steps: MigrationStep[];
}

function appTables(manifest: Manifest): AppTable[] {
    return manifest.apps.map((a: AppManifest) => ({ key: `${manifest.namespace}.${a.code}`, fields: a.fields, indexes: a.indexes }));
}

export class Extensions {
    private readonly loaded = new Map<string, LoadedExtension>();

    constructor(
        private readonly store: Store,
        private readonly items: AppItems,
        private readonly dataDir: string,
        private readonly logger: Logger,
        /** Called when an extension becomes active, e.g. to arm its schedules. */
        private readonly onActivate: (ext: LoadedExtension) => Promise<void>,
        /** The SDK globals handed to server bundles. */
        private readonly globals: Record<string, unknown>,
        /** Runs the manifest's `onInstall` script after an install or upgrade. */
        private readonly runInstallScript: (ext: LoadedExtension, script: string, previousVersion: string | null) => Promise<void> = async () => undefined,
    ) {}

    get(id: string): LoadedExtension | undefined {
        return this.loaded.get(id);
    }

    active(): LoadedExtension[] {
        return [...this.loaded.values()];
    }

    byNamespace(namespace: string): LoadedExtension | undefined {
        return this.active().find((e) => e.manifest.namespace === namespace);
    }

    private activate(ext: LoadedExtension): void {
        this.items.unregisterExtension(ext.id);
        for (const app of ext.manifest.apps) {
            const key = `${ext.manifest.namespace}.${app.code}`;
            const handled = ext.manifest.events.filter((h) => h.on !== 'custom' && h.app === app.code).map((h) => h.on as Exclude<typeof h.on, 'custom'>);
            this.items.register({ extensionId: ext.id, namespace: ext.manifest.namespace, manifest: app, table: appTables(ext.manifest).find((t) => t.key === key)!, handled });
        }
        this.loaded.set(ext.id, ext);
    }

    /** Loads every installed extension; one that fails is marked failed and skipped. */
    async loadAll(): Promise<void> {
        for (const record of await this.store.system.extensions.list()) {
            if (record.status === 'uninstalled') continue;
            try {
                const pkg = readPackage(fs.readFileSync(path.join(record.packageDir, 'package.e365')));
                const ext = loadBundle(record.packageDir, pkg.descriptor, pkg.manifest, this.globals);
                this.activate(ext);
                await this.onActivate(ext);
                if (record.status !== 'installed') await this.store.system.extensions.setStatus(record.id, 'installed', null);
            } catch (error) {
                const message = error instanceof Error ? error.message : String(error);
                this.logger.error({ extension: record.id, err: error }, 'extension failed to load');
                await this.store.system.extensions.setStatus(record.id, 'failed', message);
            }
        }
    }

    /**
     * Installs a package, or upgrades the installed version of it.
     * @throws HostError INVALID_PACKAGE, INVALID_MANIFEST, INCOMPATIBLE_HOST or INCOMPATIBLE_CHANGE; nothing is changed then.
     */
    async install(bytes: Uint8Array, progress: (p: InstallProgress) => void = () => undefined): Promise<InstallResult> {
        progress({ step: 'validate', percent: 5 });
        const pkg: ExtensionPackage = readPackage(bytes);
        const { manifest, descriptor } = pkg;
        if (!semver.validRange(manifest.host) || !semver.satisfies(HOST_VERSION, manifest.host)) {
            throw new HostError('INCOMPATIBLE_HOST', `${manifest.id} ${manifest.version} needs host ${manifest.host}; this host is ${HOST_VERSION}`);
        }
        const previous = await this.store.system.extensions.get(manifest.id);
        const clash = this.active().find((e) => e.id !== manifest.id && e.manifest.namespace === manifest.namespace);
        if (clash) throw new HostError('CONFLICT', `Namespace ${manifest.namespace} is already used by ${clash.id}`);
        const previousTables = previous ? appTables(previous.manifest as Manifest) : [];
        const tables = appTables(manifest);
        await this.store.planMigration(tables, previousTables);

        progress({ step: 'unpack', percent: 25 });
        const dir = path.join(this.dataDir, 'extensions', manifest.id, `${manifest.version}-${Date.now()}`);
        fs.mkdirSync(dir, { recursive: true });
        for (const [name, content] of Object.entries(pkg.files)) {
            const target = path.resolve(dir, name);
            if (!target.startsWith(path.resolve(dir) + path.sep)) throw new HostError('INVALID_PACKAGE', `Unsafe path in package: ${name}`);
            fs.mkdirSync(path.dirname(target), { recursive: true });
            if (!name.endsWith('/')) fs.writeFileSync(target, content);
        }
        fs.writeFileSync(path.join(dir, 'package.e365'), bytes);

        progress({ step: 'load', percent: 45 });
        let ext: LoadedExtension;
        try {
            ext = loadBundle(dir, descriptor, manifest, this.globals);
        } catch (error) {
            fs.rmSync(dir, { recursive: true, force: true });
            throw new HostError('INVALID_PACKAGE', `The server bundle does not load: ${error instanceof Error ? error.message : String(error)}`);
        }

        progress({ step: 'migrate', percent: 65 });
        const now = Date.now();
        let steps: MigrationStep[];
        try {
            steps = await this.store.transaction(async () => {
                const done = await this.store.migrate(tables, previousTables);
                for (const g of manifest.groups) await this.store.system.groups.upsert({ code: g.code, name: g.name, extensionId: manifest.id });
                const record: ExtensionRecord = {
                    id: manifest.id, name: manifest.name, version: manifest.version, status: 'installed', lastError: null,
                    manifest, packageDir: dir, installedAt: previous?.installedAt ?? now, updatedAt: now,
                };
                await this.store.system.extensions.put(record);
                return done;
            });
        } catch (error) {
            fs.rmSync(dir, { recursive: true, force: true });
            throw error;
        }

        progress({ step: 'activate', percent: 85 });
        this.activate(ext);
        await this.onActivate(ext);
        if (previous && previous.packageDir !== dir) fs.rmSync(previous.packageDir, { recursive: true, force: true });
        const previousVersion = previous?.status === 'uninstalled' ? null : previous?.version ?? null;
        if (manifest.onInstall) await this.afterInstall(ext, manifest.onInstall, previousVersion);
        this.logger.info({ extension: manifest.id, version: manifest.version, steps: steps.length }, previous ? 'extension upgraded' : 'extension installed');
        progress({ step: 'done', percent: 100 });
        return { id: manifest.id, version: manifest.version, previousVersion, steps };
    }

    /**
     * The extension's own install script (seeding, data migrations). When it fails the
     * extension is marked failed with the error; installing the package again runs it again.
     * @throws HostError INSTALL_SCRIPT_FAILED
     */
    private async afterInstall(ext: LoadedExtension, script: string, previousVersion: string | null): Promise<void> {
        try {
            await this.runInstallScript(ext, script, previousVersion);
        } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            this.logger.error({ extension: ext.id, script, err: error }, 'install script failed');
            await this.store.system.extensions.setStatus(ext.id, 'failed', message);
            throw new HostError('INSTALL_SCRIPT_FAILED', `The install script of ${ext.id} failed: ${message}`);
        }
    }

    /**
     * Uninstalls an extension. Its data stays (a later install picks it up) unless `purge`.
     * @throws HostError NOT_FOUND when it is not installed.
     */
    async uninstall(id: string, purge = false): Promise<void> {
        const record = await this.store.system.extensions.get(id);
        if (!record || (record.status === 'uninstalled' && !purge)) throw new HostError('NOT_FOUND', `Extension ${id} is not installed`);
        this.items.unregisterExtension(id);
        this.loaded.delete(id);
        await this.store.system.timers.removeForExtension(id);
        if (purge) {
            await this.store.dropApps(appTables(record.manifest as Manifest).map((t) => t.key));
            await this.store.system.storage.clear(id);
            await this.store.system.extensions.remove(id);
            fs.rmSync(path.join(this.dataDir, 'extensions', id), { recursive: true, force: true });
        } else {
            await this.store.system.extensions.setStatus(id, 'uninstalled', null);
        }
    }
}
