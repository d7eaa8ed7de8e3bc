/**
 * Assembles the extension's manifest from its source files (see host/manifest/source-tree.ts)
 * into `dist/manifest.json`, the one manifest the package carries. A problem stops the
 * build with the file and the JSON path it is at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assembleManifest, describeProblems } from '../host/manifest/source-tree';

if (require.main === module) {
    const root = path.resolve(__dirname, '../..');
    const result = assembleManifest(root);
    if (!result.ok) {
        console.error(`\nThe manifest has ${result.problems.length} problem(s):\n${describeProblems(result.problems)}`);
        process.exit(1);
    }
    const out = path.join(root, 'dist/manifest.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const text = `${JSON.stringify(result.manifest, null, 2)}\n`;
    if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) fs.writeFileSync(out, text);
}
