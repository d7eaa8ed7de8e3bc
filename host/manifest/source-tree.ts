/**
 * An extension's manifest as its authors keep it: a file per part rather than one long
 * JSON, each next to what it describes.
 *   manifest/extension.json      the package-level parts (id, version, groups, workspace, schedules, user menu)
 *   manifest/apps/<code>.json    one app each: fields, statuses, indexes, permissions, form widgets
 *   manifest/api/<area>.json     an area's API methods, public routes, guest sockets and event handlers
 *   widgets/<code>/widget.json   a widget's descriptor, beside its code
 * Each file is checked against its own schema and then the assembled manifest is checked
 * whole with the same schema the host applies at install, so a problem is always reported
 * with the file it is in and the JSON path inside that file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { appSchema, areaSchema, manifestSchema, packageSchema, widgetSchema, type ManifestInput } from './schema';

/** One problem of a manifest source tree: the file (relative to the tree) and the path inside it. */
export interface SourceProblem {
    file: string;
    path: string;
    message: string;
}

/** Where an element of one of the manifest's lists came from. */
interface Origin {
    file: string;
    prefix: (string | number)[];
}

type Listed = 'apps' | 'api' | 'routes' | 'sockets' | 'events' | 'exports' | 'publishes' | 'widgets';

export const manifestDir = 'manifest';
export const packageFile = `${manifestDir}/extension.json`;

const jsonFiles = (root: string, dir: string): string[] => {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) return [];
    return fs.readdirSync(full).filter((n) => n.endsWith('.json')).sort().map((n) => `${dir}/${n}`);
};

/** `widgets/<code>/widget.json` of every widget folder that has one. */
const widgetFiles = (root: string): string[] => {
    const full = path.join(root, 'widgets');
    if (!fs.existsSync(full)) return [];
    return fs.readdirSync(full, { withFileTypes: true })
        .filter((d) => d.isDirectory() && fs.existsSync(path.join(full, d.name, 'widget.json')))
        .map((d) => `widgets/${d.name}/widget.json`).sort();
};

const pathText = (p: PropertyKey[]): string => p.map(String).join('.') || '(root)';

/**
 * Reads and checks a manifest source tree.
 * @returns the assembled manifest, as the package carries it, or every problem by file and path.
 */
export function assembleManifest(root: string): { ok: true; manifest: ManifestInput } | { ok: false; problems: SourceProblem[] } {
    const problems: SourceProblem[] = [];
    const origins: Record<Listed, Origin[]> = { apps: [], api: [], routes: [], sockets: [], events: [], exports: [], publishes: [], widgets: [] };
    const lists: Record<Listed, unknown[]> = { apps: [], api: [], routes: [], sockets: [], events: [], exports: [], publishes: [], widgets: [] };

    /** Reads one file and checks it on its own; `undefined` when it cannot be read at all. */
    const read = (file: string, schema: z.ZodType): Record<string, unknown> | undefined => {
        let value: unknown;
        try {
            value = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
        } catch (error) {
            problems.push({ file, path: '(root)', message: fs.existsSync(path.join(root, file)) ? `not valid JSON: ${(error as Error).message}` : 'missing' });
            return undefined;
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            problems.push({ file, path: '(root)', message: 'must be a JSON object' });
            return undefined;
        }
        const { $schema: _editorHint, ...rest } = value as Record<string, unknown>;
        const checked = schema.safeParse(rest);
        if (!checked.success) problems.push(...checked.error.issues.map((i) => ({ file, path: pathText(i.path), message: i.message })));
        return rest;
    };
    const add = (list: Listed, file: string, item: unknown, prefix: (string | number)[]) => {
        lists[list].push(item);
        origins[list].push({ file, prefix });
    };

    const base = read(packageFile, packageSchema) ?? {};
    for (const file of jsonFiles(root, `${manifestDir}/apps`)) {
        const app = read(file, appSchema);
        if (app === undefined) continue;
        const named = path.basename(file, '.json');
        if (app.code !== named) problems.push({ file, path: 'code', message: `an app file is named after its app's code (${named})` });
        add('apps', file, app, []);
    }
    for (const file of jsonFiles(root, `${manifestDir}/api`)) {
        const area = read(file, areaSchema);
        for (const list of ['api', 'routes', 'sockets', 'events', 'exports', 'publishes'] as const) {
            const items = area?.[list];
            if (Array.isArray(items)) items.forEach((item, i) => add(list, file, item, [list, i]));
        }
    }
    for (const file of widgetFiles(root)) {
        const widget = read(file, widgetSchema);
        if (widget === undefined) continue;
        const folder = path.basename(path.dirname(file));
        if (widget.code !== folder) problems.push({ file, path: 'code', message: `a widget's descriptor carries its folder's name (${folder})` });
        add('widgets', file, widget, []);
    }
    if (problems.length) return { ok: false, problems };

    const manifest = { ...base, ...lists } as ManifestInput;
    const whole = manifestSchema.safeParse(manifest);
    if (whole.success) return { ok: true, manifest };
    return { ok: false, problems: whole.error.issues.map((i) => locate(i.path, origins, i.message)) };
}

/** Maps a path in the assembled manifest back to the file and path it came from. */
function locate(at: PropertyKey[], origins: Record<Listed, Origin[]>, message: string): SourceProblem {
    const [list, index, ...rest] = at;
    const origin = typeof list === 'string' && list in origins && typeof index === 'number' ? origins[list as Listed][index] : undefined;
    if (!origin) return { file: packageFile, path: pathText(at), message };
    return { file: origin.file, path: pathText([...origin.prefix, ...rest]), message };
}

/** `file: path: message` lines, one per problem. */
export function describeProblems(problems: readonly SourceProblem[]): string {
    return problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join('\n');
}
