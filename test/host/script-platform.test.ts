/**
 * Generic platform services scripts use: `fetch` with a timeout, `System.transaction`,
 * and demo setup scripts with environment substitution.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { substituteEnv } from '../../host/demo-setup';
import { startTestHost, type TestHost } from '../support/test-host';

type Fn = (...args: unknown[]) => Promise<unknown>;
interface Globals {
    System: {
        transaction<T>(work: () => Promise<T>): Promise<T>;
        realtime: { publish(audience: { users: string[] }, event: string, payload: unknown): Promise<void> };
    };
    Namespace: { app: Record<string, { create(): { data: Record<string, unknown>; save(): Promise<void> }; search(): { count(): Promise<number> } }> };
    fetch(url: string, init?: { method?: string; body?: string; headers?: Record<string, string>; timeout?: number }): Promise<{ status: number; json(): Promise<unknown> }>;
}

describe('script platform services', () => {
    let t: TestHost;
    let server: http.Server;
    let url: string;
    // The globals a server bundle receives, for functions written here in the test.
    let g: Globals;
    const run = (fn: Fn) => {
        const extension = t.host.extensions.get('live-chats')!;
        return t.host.runner.run({ extension, script: 'test', userId: null, data: {} }, fn);
    };

    beforeAll(async () => {
        t = await startTestHost();
        g = t.host.runner.globals as unknown as Globals;
        server = http.createServer((req, res) => {
            if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000).unref();
            let body = '';
            req.on('data', (c) => (body += c));
            req.on('end', () => res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body, method: req.method })));
        });
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
        await t.close();
    });

    it('gives scripts a fetch that posts and reads JSON', async () => {
        const answer = await run(async () => {
            const res = await g.fetch(`${url}/echo`, { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
            return { status: res.status, body: await res.json() };
        });
        expect(answer).toEqual({ status: 201, body: { echo: 'hello', method: 'POST' } });
    });

    it('aborts a script request after its timeout', async () => {
        const started = Date.now();
        const outcome = await run(async () => {
            try {
                await g.fetch(`${url}/slow`, { timeout: 100 });
                return 'answered';
            } catch (error) {
                return (error as Error).name;
            }
        });
        expect(outcome).toBe('TimeoutError');
        expect(Date.now() - started).toBeLessThan(1_500);
    });

    it('commits everything written in a transaction, or nothing when it throws', async () => {
        const count = () => run(async () => g.Namespace.app.articles.search().count()) as Promise<number>;
        const before = await count();
        await expect(run(async () => g.System.transaction(async () => {
            const a = g.Namespace.app.articles.create();
            a.data.__name = 'Kept only if all succeed';
            await a.save();
            throw new Error('second write failed');
        }))).rejects.toThrow(/second write failed/);
        expect(await count()).toBe(before);
        await run(async () => g.System.transaction(async () => {
            for (const name of ['One', 'Two']) {
                const a = g.Namespace.app.articles.create();
                a.data.__name = name;
                await a.save();
            }
        }));
        expect(await count()).toBe(before + 2);
    });

    it('pushes realtime events of a transaction only after it commits, and never when it rolls back', async () => {
        const user = (await t.host.store.system.users.byLogin('reader'))!.id;
        const received: string[] = [];
        const disconnect = t.host.hub.connect(user, { send: (text) => received.push(JSON.parse(text).event) });
        const push = (event: string) => g.System.realtime.publish({ users: [user] }, event, {});
        await expect(run(async () => g.System.transaction(async () => {
            await push('rolled-back');
            throw new Error('write failed');
        }))).rejects.toThrow(/write failed/);
        let beforeCommit: string[] = [];
        await run(async () => g.System.transaction(async () => {
            await push('committed');
            beforeCommit = [...received];
        }));
        await run(async () => push('outside'));
        expect(beforeCommit).toEqual([]);
        // Several instances hear pushes through a bus: they arrive a moment after the commit.
        for (let i = 0; i < 100 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
        expect(received).toEqual(['committed', 'outside']);
        disconnect();
    });

    it('substitutes ${NAME} in demo setup payloads from the environment', () => {
        expect(substituteEnv({ url: '${DEMO_URL}/hook', list: ['${MISSING}x'], n: 1 }, { DEMO_URL: 'http://h' }))
            .toEqual({ url: 'http://h/hook', list: ['x'], n: 1 });
    });
});
