/**
 * Reading an extension package (`.e365`): a zip whose root `package.json` describes it,
 * with the manifest and the webpack-built server and widget bundles.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { HostError } from '../errors';
import { parseManifest, type Manifest } from '../manifest/schema';

export interface PackageDescriptor {
    type: 'EXTENSION';
    id: string;
    name: string;
    version: string;
    exchangeVersion: number;
    /** Files of the package by role; `embeds` maps an embed's code to its script file. */
    services: { manifest: string; server: string; widgets: Record<string, string>; embeds?: Record<string, string> };
}

export interface ExtensionPackage {
    descriptor: PackageDescriptor;
    manifest: Manifest;
    files: Record<string, Uint8Array>;
}

function isDescriptor(v: unknown): v is PackageDescriptor {
    const d = v as PackageDescriptor;
    return typeof d === 'object' && d !== null && d.type === 'EXTENSION' && typeof d.id === 'string' && typeof d.version === 'string'
        && typeof d.services === 'object' && typeof d.services?.manifest === 'string' && typeof d.services?.server === 'string';
}

/**
 * Unpacks and checks a package.
 * @throws HostError INVALID_PACKAGE when it is not a readable package, INVALID_MANIFEST with every problem by path.
 */
export function readPackage(bytes: Uint8Array): ExtensionPackage {
    let files: Record<string, Uint8Array>;
    try {
        files = unzipSync(bytes);
    } catch {
        throw new HostError('INVALID_PACKAGE', 'The file is not a zip package');
    }
    const json = (name: string): unknown => {
        const file = files[name];
        if (!file) throw new HostError('INVALID_PACKAGE', `The package has no ${name}`);
        try {
            return JSON.parse(strFromU8(file));
        } catch {
            throw new HostError('INVALID_PACKAGE', `${name} in the package is not valid JSON`);
        }
    };
    const descriptor = json('package.json');
    if (!isDescriptor(descriptor)) throw new HostError('INVALID_PACKAGE', 'package.json does not describe an EXTENSION with services.manifest and services.server');
    const parsed = parseManifest(json(descriptor.services.manifest));
    if (!parsed.ok) throw new HostError('INVALID_MANIFEST', `The manifest has ${parsed.problems.length} problem(s)`, { problems: parsed.problems });
    if (parsed.manifest.id !== descriptor.id || parsed.manifest.version !== descriptor.version) {
        throw new HostError('INVALID_PACKAGE', 'package.json and the manifest disagree on id or version');
    }
    if (!files[descriptor.services.server]) throw new HostError('INVALID_PACKAGE', `The package has no ${descriptor.services.server}`);
    return { descriptor, manifest: parsed.manifest, files };
}
