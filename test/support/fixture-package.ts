/**
 * Small extension packages made in tests: a manifest and the server bundle's source,
 * zipped the way `extension/pack.ts` packs the product.
 */
import { strToU8, zipSync } from 'fflate';
import type { ManifestInput } from '../../host/manifest/schema';

export function fixtureManifest(overrides: Partial<ManifestInput> = {}): ManifestInput {
    return {
        id: 'fixture',
        name: 'Fixture',
        version: '1.0.0',
        host: '>=0.1.0 <1.0.0',
        namespace: 'fixture',
        groups: [{ code: 'staff', name: 'Staff' }],
        apps: [{
            code: 'notes',
            name: 'Notes',
            fields: [{ code: 'body', name: 'Body', type: 'TEXT' }],
            permissions: { read: ['staff'], create: ['staff'] },
        }],
        ...overrides,
    };
}

/**
 * A package from a manifest (taken as is, so it may be invalid), server bundle source,
 * browser bundles of widgets by widget code and embedded scripts by embed code.
 */
export function fixturePackage(manifest: unknown, serverSource = 'module.exports = { scripts: {}, widgets: {} };', widgetSources: Record<string, string> = {}, embedSources: Record<string, string> = {}): Uint8Array {
    const m = manifest as { id?: string; name?: string; version?: string };
    const widgets = Object.fromEntries(Object.keys(widgetSources).map((code) => [code, `widgets/${code}.js`]));
    const embeds = Object.fromEntries(Object.keys(embedSources).map((code) => [code, `embeds/${code}.js`]));
    const descriptor = {
        type: 'EXTENSION', exchangeVersion: 1, id: m.id, name: m.name, version: m.version,
        services: { manifest: 'manifest.json', server: 'server.js', widgets, embeds },
    };
    return zipSync({
        'package.json': strToU8(JSON.stringify(descriptor)),
        'manifest.json': strToU8(JSON.stringify(manifest)),
        'server.js': strToU8(serverSource),
        ...Object.fromEntries(Object.entries(widgetSources).map(([code, source]) => [widgets[code], strToU8(source)])),
        ...Object.fromEntries(Object.entries(embedSources).map(([code, source]) => [embeds[code], strToU8(source)])),
    });
}
