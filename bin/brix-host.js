#!/usr/bin/env node
// The host's command line; the code is built into build/ by `npm run build`.
const fs = require('node:fs');
const path = require('node:path');

const cli = path.join(__dirname, '..', 'build', 'host', 'cli.js');
if (!fs.existsSync(cli)) {
    console.error('brix-host is not built yet: run `npm run build` first.');
    process.exit(1);
}
require(cli).main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
