#!/usr/bin/env node
// Builds everything `npm start` and the tests need: the host (tsc → build/), the manifest's
// JSON Schemas for editors (sdk/manifest/), the manifest assembled from its files
// (dist/manifest.json), the extension bundles (webpack → dist/bundle/) and the package
// (dist/live-chats.e365). With --if-needed it does nothing when the outputs are newer
// than every source file.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const sources = ['host', 'sdk', 'manifest', 'scripts', 'widgets', 'embeds', 'templates', 'extension', 'tools', 'bench',
    'package.json', 'package-lock.json', 'webpack.config.js', 'tsconfig.base.json', 'tsconfig.host.json', 'tsconfig.scripts.json', 'tsconfig.widgets.json', 'tsconfig.web.json', 'tsconfig.embeds.json'];
const outputs = ['build/host/cli.js', 'build/web/shell.js', 'dist/live-chats.e365'];

function newest(p) {
    const full = path.join(root, p);
    if (!fs.existsSync(full)) return 0;
    const stat = fs.statSync(full);
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(0, ...fs.readdirSync(full).map((name) => newest(path.join(p, name))));
}

function upToDate() {
    const built = outputs.map((o) => newest(o));
    if (built.some((t) => t === 0)) return false;
    return Math.min(...built) >= Math.max(...sources.map(newest));
}

function run(label, command, args) {
    const started = Date.now();
    process.stdout.write(`build: ${label}... `);
    execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    console.log(`${((Date.now() - started) / 1000).toFixed(1)}s`);
}

if (process.argv.includes('--if-needed') && upToDate()) {
    console.log('build: up to date');
    process.exit(0);
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
try {
    run('host (tsc)', bin('tsc'), ['-p', 'tsconfig.host.json']);
    run('manifest JSON Schemas', process.execPath, ['build/tools/write-manifest-schemas.js']);
    run('manifest', process.execPath, ['build/tools/assemble-manifest.js']);
    run('extension bundles and web shell (webpack)', bin('webpack'), ['--config', 'webpack.config.js']);
    run('package', process.execPath, ['build/extension/pack.js']);
} catch (error) {
    console.error(`\nbuild failed: ${error.message}`);
    process.exit(1);
}
// webpack leaves a file alone when its content did not change; mark the build as done now
// so that --if-needed compares against this build, not an older one.
const now = new Date();
for (const o of outputs) fs.utimesSync(path.join(root, o), now, now);
