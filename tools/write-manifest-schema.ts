/**
 * Writes `sdk/manifest.schema.json` from the host's manifest schema, so editors check
 * `manifest/extension.json` against the same rules the host applies at install.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { manifestSchema } from '../host/manifest/schema';

export function manifestJsonSchema(): string {
    return `${JSON.stringify(z.toJSONSchema(manifestSchema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`;
}

if (require.main === module) {
    const file = path.resolve(__dirname, '../../sdk/manifest.schema.json');
    const text = manifestJsonSchema();
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
}
