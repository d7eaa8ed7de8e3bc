/**
 * An in-process host on a temporary folder, for black-box tests through HTTP (inject).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { seedDemo, type DemoCompany } from '../../host/demo-seed';
import { runDemoSetup } from '../../host/demo-setup';
import { Host, type HostOptions } from '../../host/host';
import { createLogger } from '../../host/runtime/logger';
import { createTestDatabase, onPostgres, type TestDatabase } from './pg-database';

export const repoRoot = path.resolve(__dirname, '../..');
export const productPackage = path.join(repoRoot, 'dist/live-chats.e365');
export const demoCompany = JSON.parse(fs.readFileSync(path.join(repoRoot, 'extension/demo-company.json'), 'utf8')) as DemoCompany;
export const DEMO_PASSWORD = 'demo-password-1';

export interface TestHost {
    host: Host;
    dataDir: string;
    /** Signs in and returns the cookie header value. */
    login(login: string, password?: string): Promise<string>;
    request(options: { method: string; url: string; cookie?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
    /** Stops the host; the folder stays for a restart. */
    stop(): Promise<void>;
    /** Starts a new host on the same folder, as after a restart. */
    restart(): Promise<TestHost>;
    /** Stops the host and removes the folder. */
    close(): Promise<void>;
}

export function tempDir(prefix = 'brix-test-'): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestHost(options: {
    dataDir?: string; packageFile?: string | null; demo?: boolean;
    /** Also runs the demo file's `setup` scripts with these environment variables. */
    demoSetupEnv?: Record<string, string | undefined>;
    /** Host options beyond the folder, e.g. upload limits. */
    hostOptions?: Partial<HostOptions>;
    /** The PostgreSQL database of the host being restarted. */
    database?: TestDatabase;
} = {}): Promise<TestHost> {
    const dataDir = options.dataDir ?? tempDir();
    // On the PostgreSQL project every host gets a database of its own, dropped with it.
    const database = options.database ?? (onPostgres && !options.hostOptions?.databaseUrl ? await createTestDatabase() : undefined);
    const host = await Host.create({
        dataDir, logger: createLogger('silent'), baseUrl: 'http://127.0.0.1', ...(database ? { databaseUrl: database.url } : {}), ...options.hostOptions,
    });
    const packageFile = options.packageFile === undefined ? productPackage : options.packageFile;
    if (packageFile && !(await host.store.system.extensions.list()).length) {
        await host.extensions.install(new Uint8Array(fs.readFileSync(packageFile)));
    }
    if (options.demo ?? true) await seedDemo(host.store, dataDir, demoCompany, DEMO_PASSWORD);
    if (options.demoSetupEnv) await runDemoSetup(host, demoCompany.setup ?? [], options.demoSetupEnv);
    let stopped = false;
    const self: TestHost = {
        host,
        dataDir,
        async login(login, password = DEMO_PASSWORD) {
            const res = await host.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
            if (res.statusCode !== 200) throw new Error(`login ${login} failed: ${res.body}`);
            const cookie = res.cookies.find((c) => c.name === 'brix_session');
            return `brix_session=${cookie!.value}`;
        },
        request({ method, url, cookie, body, headers }) {
            return host.server.inject({
                method: method as 'GET', url,
                headers: { ...(cookie ? { cookie } : {}), ...(headers ?? {}) },
                ...(body === undefined ? {} : typeof body === 'string' || Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }),
            });
        },
        async stop() {
            if (!stopped) await host.close();
            stopped = true;
        },
        async restart() {
            await self.stop();
            return startTestHost({ dataDir, packageFile: null, demo: false, hostOptions: options.hostOptions, database });
        },
        async close() {
            await self.stop();
            fs.rmSync(dataDir, { recursive: true, force: true });
            await database?.drop();
        },
    };
    return self;
}
