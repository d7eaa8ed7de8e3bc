/**
 * Writes the JSON Schemas of the manifest into `sdk/manifest/` from the host's manifest
 * schema, so editors complete and check each manifest file against the same rules the host
 * applies at install: one schema per kind of file, and one for the assembled manifest a
 * package carries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { appSchema, areaSchema, manifestSchema, packageSchema, widgetSchema } from '../host/manifest/schema';

/** Source files name their schema in `$schema`; the host drops that key before checking. */
function editorSchema(schema: z.ZodType): Record<string, unknown> {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
    json.properties = { $schema: { type: 'string', description: 'The JSON Schema that editors check this file against' }, ...json.properties };
    return json;
}

/** File name → schema text, for each schema in `sdk/manifest/`. */
export function manifestJsonSchemas(): Record<string, string> {
    const schemas = {
        'manifest.schema.json': manifestSchema,
        'extension.schema.json': packageSchema,
        'app.schema.json': appSchema,
        'area.schema.json': areaSchema,
        'widget.schema.json': widgetSchema,
    };
    return Object.fromEntries(Object.entries(schemas).map(([file, schema]) => [file, `${JSON.stringify(editorSchema(schema), null, 2)}\n`]));
}

if (require.main === module) {
    const dir = path.resolve(__dirname, '../../sdk/manifest');
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(manifestJsonSchemas())) {
        const file = path.join(dir, name);
        if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) fs.writeFileSync(file, text);
    }
}
