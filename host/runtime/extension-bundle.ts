/**
 * Loading an installed extension's server bundle. The bundle is a self-contained
 * CommonJS module exporting `{ scripts, widgets }`; it may not `require` anything, so
 * it reaches the platform only through the SDK's globals, which are handed to it as the
 * wrapper's parameters (so they resolve the same way in any realm).
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
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
 * Evaluates the bundle from the unpacked package folder with the SDK globals.
 * @throws Error when the bundle does not evaluate or lacks a script the manifest names.
 */
export function loadBundle(dir: string, descriptor: PackageDescriptor, manifest: Manifest, globals: Record<string, unknown>): LoadedExtension {
    const file = path.join(dir, descriptor.services.server);
    const code = fs.readFileSync(file, 'utf8');
    const names = Object.keys(globals);
    const wrapper = vm.compileFunction(code, ['module', 'exports', 'require', ...names], { filename: file });
    const module: { exports: { scripts?: Record<string, ScriptFunction>; widgets?: Record<string, Record<string, ScriptFunction>> } } = { exports: {} };
    const refuse = (name: string) => {
        throw new Error(`Extension bundles cannot require modules (asked for ${name}); use the @brix/sdk globals`);
    };
    wrapper(module, module.exports, refuse, ...names.map((n) => globals[n]));
    const scripts = module.exports.scripts ?? {};
    const widgets = module.exports.widgets ?? {};
    const named = [
        ...manifest.events.map((e) => e.script), ...manifest.api.map((a) => a.script),
        ...manifest.routes.map((r) => r.script), ...manifest.schedules.map((s) => s.script),
        ...manifest.sockets.map((s) => s.script), ...manifest.exports.map((x) => x.script),
        ...manifest.apps.flatMap((a) => (a.beforeWrite ? [a.beforeWrite] : [])),
    ];
    const missing = named.filter((s) => typeof scripts[s] !== 'function');
    if (missing.length) throw new Error(`The server bundle lacks script(s) the manifest names: ${[...new Set(missing)].join(', ')}`);
    return { id: manifest.id, manifest, descriptor, dir, scripts, widgets };
}
