/**
 * `brix-host start | install <file> | uninstall <id> [--purge] | status`.
 * `start` runs the host; the others work on the data folder directly (stop the host first,
 * or use the administration page of a running host).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemo, type DemoCompany } from './demo-seed';
import { runDemoSetup } from './demo-setup';
import { HostError } from './errors';
import { Host } from './host';
import { createLogger } from './runtime/logger';
import { throttleSettingsFromEnv } from './server/login-throttle';
import { uploadLimitsFromEnv } from './web/upload-limits';

const usage = `Usage:
  brix-host start [--port N] [--data DIR] [--package FILE] [--demo FILE]
  brix-host install FILE [--data DIR]
  brix-host uninstall ID [--purge] [--data DIR]
  brix-host status [--data DIR]

DATABASE_URL=postgres://… keeps everything in PostgreSQL instead of DIR/host.sqlite, so
several instances (sharing DIR) can serve one company; BUS_URL=postgres://… carries their
realtime pushes (the database's by default).`;

/** The scale-out settings: PostgreSQL store and bus, or neither (SQLite). */
export function storeFromEnv(env: NodeJS.ProcessEnv): { databaseUrl?: string; busUrl?: string } {
    const databaseUrl = env.DATABASE_URL || undefined;
    const busUrl = env.BUS_URL || undefined;
    for (const [name, url] of [['DATABASE_URL', databaseUrl], ['BUS_URL', busUrl]] as const) {
        if (url && !/^postgres(ql)?:\/\//.test(url)) throw new HostError('BAD_REQUEST', `${name} must be a postgres:// URL`);
    }
    if (busUrl && !databaseUrl) throw new HostError('BAD_REQUEST', 'BUS_URL needs DATABASE_URL: a host on SQLite is one instance');
    return { databaseUrl, busUrl };
}

function describe(error: unknown): string {
    if (error instanceof HostError) {
        const problems = (error.details as { problems?: { path: string; message: string }[] } | undefined)?.problems;
        return [`${error.code}: ${error.message}`, ...(problems ?? []).map((p) => `  ${p.path}: ${p.message}`)].join('\n');
    }
    return error instanceof Error ? error.message : String(error);
}

/** Installs the package unless the same bytes are installed already. */
async function installIfChanged(host: Host, file: string): Promise<string> {
    const bytes = fs.readFileSync(file);
    for (const record of await host.store.system.extensions.list()) {
        const installed = path.join(record.packageDir, 'package.e365');
        if (record.status === 'installed' && fs.existsSync(installed) && fs.readFileSync(installed).equals(bytes)) {
            return `${record.id} ${record.version} is installed`;
        }
    }
    const result = await host.extensions.install(new Uint8Array(bytes), (p) => process.stdout.write(`\rinstalling ${path.basename(file)}: ${p.step} ${p.percent}%   `));
    process.stdout.write('\n');
    return result.previousVersion
        ? `${result.id} upgraded from ${result.previousVersion} to ${result.version} (${result.steps.length} migration steps)`
        : `${result.id} ${result.version} installed`;
}

async function start(values: Record<string, string | boolean | undefined>, dataDir: string): Promise<void> {
    const port = Number(values.port ?? process.env.PORT ?? 3000);
    // Only this machine by default; HOST=0.0.0.0 (or one address) opens the host to others.
    const hostname = process.env.HOST || '127.0.0.1';
    const baseUrl = process.env.BASE_URL ?? `http://localhost:${port}`;
    const trustProxy = process.env.TRUST_PROXY === 'true' ? true : process.env.TRUST_PROXY || undefined;
    const concurrency = Number(process.env.TIMER_CONCURRENCY);
    const timerConcurrency = Number.isInteger(concurrency) && concurrency > 0 ? concurrency : undefined;
    const host = await Host.create({ dataDir, ...storeFromEnv(process.env), baseUrl, loginThrottle: throttleSettingsFromEnv(process.env), trustProxy, timerConcurrency, uploads: uploadLimitsFromEnv(process.env) });
    if (typeof values.package === 'string') console.log(await installIfChanged(host, values.package));
    let logins: Awaited<ReturnType<typeof seedDemo>> = [];
    if (typeof values.demo === 'string') {
        const company = JSON.parse(fs.readFileSync(values.demo, 'utf8')) as DemoCompany;
        logins = await seedDemo(host.store, dataDir, company);
        await runDemoSetup(host, company.setup ?? []);
    }
    await host.listen(port, hostname);
    console.log(`\nBRIX host is running at ${baseUrl}  (listening on ${hostname}:${port}, data in ${dataDir}${process.env.DATABASE_URL ? ' and PostgreSQL' : ''})`);
    if (logins.length) {
        console.log('\nSign in as:');
        for (const l of logins) console.log(`  ${l.login.padEnd(12)} ${l.password.padEnd(20)} ${l.groups.join(', ')}`);
    }
    const stop = async () => {
        await host.close();
        process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
}

export async function main(argv: string[]): Promise<void> {
    const { positionals, values } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
            port: { type: 'string' }, data: { type: 'string' }, package: { type: 'string' }, demo: { type: 'string' },
            purge: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
        },
    });
    const [command, arg] = positionals;
    const dataDir = path.resolve(values.data ?? process.env.DATA_DIR ?? 'data');
    if (values.help || !command) {
        console.log(usage);
        return;
    }
    if (command === 'start') return start(values, dataDir);
    const host = await Host.create({ dataDir, ...storeFromEnv(process.env), logger: createLogger(process.env.LOG_LEVEL ?? 'warn') });
    try {
        if (command === 'install' && arg) console.log(await installIfChanged(host, arg));
        else if (command === 'uninstall' && arg) {
            await host.extensions.uninstall(arg, Boolean(values.purge));
            console.log(`${arg} uninstalled${values.purge ? ' and its data removed' : ' (data kept; --purge removes it)'}`);
        } else if (command === 'status') {
            const list = await host.store.system.extensions.list();
            if (list.length === 0) console.log('no extensions installed');
            for (const e of list) console.log(`${e.id} ${e.version} ${e.status}${e.lastError ? ` — ${e.lastError}` : ''}`);
        } else {
            console.log(usage);
            process.exitCode = 2;
        }
    } catch (error) {
        console.error(describe(error));
        process.exitCode = 1;
    } finally {
        await host.close();
    }
}
