/**
 * Loading an installed extension's server bundle. The bundle is a self-contained
 * CommonJS module exporting `{ scripts, widgets }`; it may not `require` anything, so
 * it can reach the platform only through the SDK's globals.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../manifest/schema';
import type { PackageDescriptor } from './package-file';

type ScriptFunction = (...args: unknown[]) => Promise<unknown>;

export interface LoadedExtension {
    id: string;
    manifest: Manifest;
    descriptor: PackageDescriptor;
    dir: string;
    scripts: Record<string, ScriptFunction>;
    /** Widget server methods by widget code and method name. */
    widgets: Record<string, Record<string, ScriptFunction>>;
}

/**
 * Evaluates the bundle from the unpacked package folder.
 * @throws Error when the bundle does not evaluate or lacks a script the manifest names.
 */
export function loadBundle(dir: string, descriptor: PackageDescriptor, manifest: Manifest): LoadedExtension {
    const file = path.join(dir, descriptor.services.server);
    const code = fs.readFileSync(file, 'utf8');
    // The Function constructor of the host's own realm, not vm.runInThisContext: the bundle must
    // resolve the SDK globals (Context, System, ...) on the same global object the script runner
    // defines them on, which differs from node's main context when the host itself runs in a vm
    // (jest). sourceURL keeps the file name in stack traces.
    const wrapper = new Function('module', 'exports', 'require', `${code}\n//# sourceURL=${file}`) as
        (m: { exports: unknown }, e: unknown, r: (name: string) => never) => void;
    const module: { exports: { scripts?: Record<string, ScriptFunction>; widgets?: Record<string, Record<string, ScriptFunction>> } } = { exports: {} };
    wrapper(module, module.exports, (name) => {
        throw new Error(`Extension bundles cannot require modules (asked for ${name}); use the @brix/sdk globals`);
    });
    const scripts = module.exports.scripts ?? {};
    const widgets = module.exports.widgets ?? {};
    const named = [
        ...manifest.events.map((e) => e.script), ...manifest.api.map((a) => a.script),
        ...manifest.routes.map((r) => r.script), ...manifest.schedules.map((s) => s.script),
    ];
    const missing = named.filter((s) => typeof scripts[s] !== 'function');
    if (missing.length) throw new Error(`The server bundle lacks script(s) the manifest names: ${[...new Set(missing)].join(', ')}`);
    return { id: manifest.id, manifest, descriptor, dir, scripts, widgets };
}
