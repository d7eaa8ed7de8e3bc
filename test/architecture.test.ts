/**
 * The boundaries of ARCHITECTURE.md, checked on the source: the host knows nothing of live
 * chats, the extension imports nothing but @brix/sdk, and generated files are current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { manifestJsonSchemas } from '../tools/write-manifest-schemas';

const root = path.resolve(__dirname, '..');

function files(dir: string, pattern: RegExp): string[] {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) return [];
    return fs.readdirSync(full, { withFileTypes: true }).flatMap((e) => {
        const rel = path.join(dir, e.name);
        if (e.isDirectory()) return files(rel, pattern);
        return pattern.test(e.name) ? [rel] : [];
    });
}

describe('architecture', () => {
    it('keeps live-chat words out of the host', () => {
        const domain = /live.?chat|supervisor|blocklist|\bsla\b|messenger|telegram/i;
        const offenders = files('host', /\.(ts|hbs|json|css|html)$/)
            .filter((f) => !f.endsWith('.test.ts'))
            .filter((f) => domain.test(fs.readFileSync(path.join(root, f), 'utf8')));
        expect(offenders).toEqual([]);
    });

    it('lets extension code import only @brix/sdk, its own files and bundled libraries', () => {
        // Bundled libraries, and @grammyjs/types (Telegram's Bot API types: erased at build, nothing is bundled).
        const allowed = /^(@brix\/sdk|\.{1,2}\/.*|handlebars(\/.*)?|luxon|lodash-es|chart\.js|@grammyjs\/types)$/;
        const offenders = [...files('scripts', /\.ts$/), ...files('widgets', /\.ts$/)]
            .filter((f) => !f.endsWith('.test.ts'))
            .flatMap((f) => [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(/from '([^']+)'/g)]
                .map((m) => m[1])
                .filter((spec) => !allowed.test(spec) || (spec.startsWith('.') && !/^(scripts|widgets|templates|manifest)\//.test(path.relative(root, path.resolve(root, path.dirname(f), spec)))))
                .map((spec) => `${f}: ${spec}`));
        expect(offenders).toEqual([]);
    });

    it('keeps the JSON Schemas in sdk/manifest/ in step with the host manifest schema', () => {
        for (const [name, text] of Object.entries(manifestJsonSchemas())) {
            expect(fs.readFileSync(path.join(root, 'sdk/manifest', name), 'utf8')).toBe(text);
        }
    });
});
