import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assembleManifest, describeProblems } from './source-tree';
import { parseManifest } from './schema';

const repoRoot = path.resolve(__dirname, '../..');

/** A copy of the product's manifest source files in a temporary folder, to break. */
function copyTree(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-tree-'));
    fs.cpSync(path.join(repoRoot, 'manifest'), path.join(dir, 'manifest'), { recursive: true });
    for (const widget of fs.readdirSync(path.join(repoRoot, 'widgets'))) {
        const file = path.join(repoRoot, 'widgets', widget, 'widget.json');
        if (!fs.existsSync(file)) continue;
        fs.mkdirSync(path.join(dir, 'widgets', widget), { recursive: true });
        fs.copyFileSync(file, path.join(dir, 'widgets', widget, 'widget.json'));
    }
    return dir;
}

function edit(dir: string, file: string, change: (json: Record<string, any>) => void): void {
    const full = path.join(dir, file);
    const json = JSON.parse(fs.readFileSync(full, 'utf8'));
    change(json);
    fs.writeFileSync(full, JSON.stringify(json));
}

function problemsOf(dir: string): string {
    const result = assembleManifest(dir);
    if (result.ok) throw new Error('expected the tree to be refused');
    return describeProblems(result.problems);
}

describe('manifest source tree', () => {
    let dir: string;
    beforeEach(() => { dir = copyTree(); });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('assembles the product manifest from one file per app, area and widget, valid as the host checks it', () => {
        const result = assembleManifest(repoRoot);
        if (!result.ok) throw new Error(describeProblems(result.problems));
        const apps = fs.readdirSync(path.join(repoRoot, 'manifest/apps')).map((f) => path.basename(f, '.json')).sort();
        expect(apps).toEqual(expect.arrayContaining(['sessions', 'blocklist', 'sla', 'articles', 'templates']));
        expect(result.manifest.apps?.map((a) => a.code).sort()).toEqual(apps);
        expect(result.manifest.api?.length).toBeGreaterThan(20);
        expect(JSON.stringify(result.manifest)).not.toContain('$schema');
        expect(parseManifest(result.manifest).ok).toBe(true);
    });

    it('names the app file and the path of a broken field', () => {
        edit(dir, 'manifest/apps/sessions.json', (app) => { app.fields[2].type = 'NUMBERISH'; });
        expect(problemsOf(dir)).toMatch(/^manifest\/apps\/sessions\.json: fields\.2\.type: /m);
    });

    it('maps a problem found across files back to the file it is in', () => {
        edit(dir, 'manifest/apps/blocklist.json', (app) => { app.permissions.read.push('nobody_group'); });
        edit(dir, 'manifest/api/desk.json', (area) => { area.events = [{ on: 'item_create', app: 'no_such_app', script: 'x' }]; });
        const text = problemsOf(dir);
        expect(text).toMatch(/^manifest\/apps\/blocklist\.json: permissions\.read\.\d+: unknown group nobody_group$/m);
        expect(text).toMatch(/^manifest\/api\/desk\.json: events\.0\.app: unknown app no_such_app$/m);
    });

    it('refuses an API method, a widget descriptor and the package file by their own paths', () => {
        edit(dir, 'manifest/api/sessions.json', (area) => { area.api[1].script = 'not a name'; });
        edit(dir, 'widgets/desk/widget.json', (widget) => { widget.rpc = [42]; });
        edit(dir, 'manifest/extension.json', (pkg) => { pkg.version = 'one'; });
        const text = problemsOf(dir);
        expect(text).toMatch(/^manifest\/api\/sessions\.json: api\.1\.script: /m);
        expect(text).toMatch(/^widgets\/desk\/widget\.json: rpc\.0: /m);
        expect(text).toMatch(/^manifest\/extension\.json: version: /m);
    });

    it('refuses a file that is not JSON, and an app file named after another app', () => {
        fs.writeFileSync(path.join(dir, 'manifest/apps/sla.json'), '{ "code": "sla",');
        fs.renameSync(path.join(dir, 'manifest/apps/articles.json'), path.join(dir, 'manifest/apps/knowledge.json'));
        const text = problemsOf(dir);
        expect(text).toMatch(/^manifest\/apps\/sla\.json: \(root\): not valid JSON/m);
        expect(text).toMatch(/^manifest\/apps\/knowledge\.json: code: an app file is named after its app's code \(knowledge\)$/m);
    });
});
