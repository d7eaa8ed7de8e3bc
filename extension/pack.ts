/**
 * Packs the built extension into `dist/live-chats.e365`: a zip with a root package.json
 * describing it, the assembled manifest, the server bundle, the widget bundles and the
 * scripts other sites embed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync, strToU8, zipSync } from 'fflate';

/** Sites load an embed on every page: each must stay small (gzipped bytes). */
export const EMBED_BUDGET_BYTES = 30 * 1024;

interface PackOptions {
    root: string;
    out: string;
}

function filesUnder(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? filesUnder(full) : [full];
    });
}

export function pack({ root, out }: PackOptions): { file: string; bytes: number } {
    const manifestFile = path.join(root, 'dist/manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { id: string; name: string; version: string };
    const bundleDir = path.join(root, 'dist/bundle');
    const files: Record<string, Uint8Array> = {
        'manifest.json': fs.readFileSync(manifestFile),
        'server.js': fs.readFileSync(path.join(bundleDir, 'server.js')),
    };
    const widgets: Record<string, string> = {};
    for (const file of filesUnder(path.join(bundleDir, 'widgets'))) {
        const name = `widgets/${path.basename(file)}`;
        files[name] = fs.readFileSync(file);
        widgets[path.basename(file, '.js')] = name;
    }
    const embeds: Record<string, string> = {};
    for (const file of filesUnder(path.join(bundleDir, 'embeds'))) {
        const name = `embeds/${path.basename(file)}`;
        files[name] = fs.readFileSync(file);
        const gzipped = gzipSync(files[name], { level: 9 }).length;
        if (gzipped > EMBED_BUDGET_BYTES) throw new Error(`${name} is ${gzipped} bytes gzipped, over its budget of ${EMBED_BUDGET_BYTES}`);
        embeds[path.basename(file, '.js')] = name;
    }
    const descriptor = {
        type: 'EXTENSION',
        exchangeVersion: 1,
        id: manifest.id,
        name: manifest.name,
        version: manifest.version,
        services: { manifest: 'manifest.json', server: 'server.js', widgets, embeds },
    };
    files['package.json'] = strToU8(JSON.stringify(descriptor, null, 2));
    const zip = zipSync(files, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, zip);
    return { file: out, bytes: zip.length };
}

if (require.main === module) {
    const root = path.resolve(__dirname, '../..');
    const result = pack({ root, out: path.join(root, 'dist/live-chats.e365') });
    console.log(`packed ${path.relative(root, result.file)} (${Math.round(result.bytes / 1024)} KiB)`);
}
