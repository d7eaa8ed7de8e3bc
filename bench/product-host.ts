/**
 * The product as a user runs it: a host on a fresh folder listening on 127.0.0.1, with
 * dist/live-chats.e365 installed, the demo company (plus extra operators) signed up, and
 * one live chat with an arbitrary-messenger channel pointing at the bench's fake messenger —
 * set up through HTTP as an administrator would. Only public host APIs are used, so the
 * bench keeps working while the host's insides change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppTable } from '../host/store/store';
import { seedDemo, type DemoCompany } from '../host/demo-seed';
import { Host } from '../host/host';
import { createLogger } from '../host/runtime/logger';

export const PASSWORD = 'bench-password-1';
export const TOKEN = 'bench-token';
const root = path.resolve(__dirname, '../..');

export interface ProductHost {
    host: Host;
    dataDir: string;
    /** `http://127.0.0.1:<port>` */
    url: string;
    lineId: string;
    channelId: string;
    /** Ids of the operators added for the bench, by login. */
    operators: { id: string; login: string }[];
    adminCookie: string;
    table(app: string): AppTable;
    login(login: string): Promise<string>;
    /** A live chat API method over HTTP as the administrator: status, body and milliseconds. */
    api(method: 'GET' | 'POST', code: string, body: Record<string, unknown>): Promise<{ status: number; body: string; ms: number }>;
    close(): Promise<void>;
}

/** Signs in with the bench's password; the session cookie to send. */
export async function login(address: string, name: string): Promise<string> {
    const res = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: name, password: PASSWORD }) });
    if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
    return res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('brix_session='))!;
}

/** Another instance of a product host on PostgreSQL: same database and folder, its own port. */
export async function startInstance(p: ProductHost, databaseUrl: string): Promise<{ host: Host; url: string }> {
    const host = await Host.create({ dataDir: p.dataDir, databaseUrl, logger: createLogger('silent') });
    const url = await host.listen(0);
    host.setBaseUrl(url);
    return { host, url };
}

export async function startProductHost(dir: string, options: { operators: number; messengerUrl: string; databaseUrl?: string }): Promise<ProductHost> {
    const host = await Host.create({ dataDir: dir, databaseUrl: options.databaseUrl, logger: createLogger('silent') });
    await host.extensions.install(new Uint8Array(fs.readFileSync(path.join(root, 'dist/live-chats.e365'))));
    const demo = JSON.parse(fs.readFileSync(path.join(root, 'extension/demo-company.json'), 'utf8')) as DemoCompany;
    const extra = Array.from({ length: options.operators }, (_, i) => ({ login: `bench-operator-${i}`, fullname: `Bench Operator ${i}`, groups: ['operators'] }));
    await seedDemo(host.store, dir, { users: [...demo.users, ...extra] }, PASSWORD);
    const address = await host.listen(0);
    host.setBaseUrl(address);

    const adminCookie = await login(address, 'admin');
    const create = async (app: string, body: object) => {
        const res = await fetch(`${address}/api/apps/live_chats/${app}/items`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: adminCookie }, body: JSON.stringify(body) });
        if (res.status !== 201) throw new Error(`create ${app}: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { __id: string }).__id;
    };
    const lineId = await create('lines', {
        __name: 'Support', time_zone: 'UTC', operator_groups: ['operators'], supervisor_groups: ['supervisors'],
        internal_customer_groups: ['employees'], reader_groups: ['readers'], naming_template: '{{client_name}} via {{channel_name}}',
    });
    const channelId = await create('channels', { __name: 'Bridge', line: lineId, kind: 'other', settings: { url: options.messengerUrl }, token: TOKEN });
    await host.idle();
    const operators = [];
    for (const u of extra) operators.push({ id: (await host.store.system.users.byLogin(u.login))!.id, login: u.login });

    return {
        host, dataDir: dir, url: address, lineId, channelId, operators, adminCookie, login: (name) => login(address, name),
        table: (app) => host.items.app(`live_chats.${app}`).table,
        async api(method, code, body) {
            const query = method === 'GET' ? `?${new URLSearchParams(body as Record<string, string>)}` : '';
            const started = performance.now();
            const res = await fetch(`${address}/api/extensions/live_chats/${code}${query}`, {
                method, headers: { cookie: adminCookie, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
                ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
            });
            const text = await res.text();
            return { status: res.status, body: text, ms: performance.now() - started };
        },
        close: () => host.close(),
    };
}
