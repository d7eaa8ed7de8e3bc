/**
 * The host for the export measure, as its own process on a folder the bench seeded: its
 * peak memory is then the host's alone, not the bench's nor the seeding's.
 */
import { Host } from '../host/host';
import { createLogger } from '../host/runtime/logger';
import { serveParent } from './child';

let host: Host | undefined;

serveParent(async (command) => {
    if (command.kind === 'start') {
        host = await Host.create({ dataDir: String(command.dir), logger: createLogger('silent') });
        const url = await host.listen(0);
        host.setBaseUrl(url);
        return { url };
    }
    await host?.close();
    return {};
});
