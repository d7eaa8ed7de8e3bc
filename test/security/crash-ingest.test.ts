/**
 * Crash safety of the inbound path: the host is killed (SIGKILL) in the middle of a burst
 * of messenger messages. Every message that was acknowledged with 200 is stored exactly
 * once after the restart, and the messenger resending everything (as it does for what it
 * got no answer to) leaves each message stored exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startFakeMessenger, type FakeMessenger } from '../live-chats/support/fake-messenger';
import { repoRoot, tempDir } from '../support/test-host';

const TOKEN = 'crash-token';
const PASSWORD = 'crash-password-1';
const TOTAL = 400;
// Two host starts and 800 requests: on a loaded two-core machine that outlasts the default 30 s.
jest.setTimeout(120_000);

describe('a host killed during ingest', () => {
    let messenger: FakeMessenger;
    let dataDir: string;
    let child: ChildProcess | undefined;
    const port = 31_000 + Math.floor(Math.random() * 2000);
    const base = `http://127.0.0.1:${port}`;

    async function startHost(): Promise<void> {
        child = spawn(process.execPath, [path.join(repoRoot, 'bin/brix-host.js'), 'start', '--port', String(port), '--data', dataDir,
            '--package', path.join(repoRoot, 'dist/live-chats.e365'), '--demo', path.join(repoRoot, 'extension/demo-company.json')], {
            env: { ...process.env, BRIX_DEMO_PASSWORD: PASSWORD, DEMO_MESSENGER_URL: messenger.url, DEMO_MESSENGER_TOKEN: TOKEN, BASE_URL: base, LOG_LEVEL: 'silent' },
            stdio: 'ignore',
        });
        for (const until = Date.now() + 20_000; Date.now() < until;) {
            if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return;
            await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error('the host did not start');
    }

    async function adminGet(url: string): Promise<{ items: Record<string, unknown>[] }> {
        const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'admin', password: PASSWORD }) });
        const cookie = login.headers.get('set-cookie')!.split(';')[0];
        return (await fetch(`${base}${url}`, { headers: { cookie } })).json() as Promise<{ items: Record<string, unknown>[] }>;
    }

    const send = (channelId: string, i: number) => fetch(`${base}/api/messengers/external/other/webhook/${channelId}`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', token: TOKEN, channelId, data: { externalMessageId: `crash-${i}`, externalChatId: `chat-${i % 25}`, externalUserId: `user-${i % 25}`, text: `message ${i}`, files: [] } }),
    }).then((r) => r.status, () => 0);

    beforeAll(async () => {
        messenger = await startFakeMessenger();
        dataDir = tempDir('brix-crash-');
        await startHost();
    });
    afterAll(async () => {
        child?.kill('SIGKILL');
        await messenger.close();
    });

    it('keeps every acknowledged message exactly once, and a resend stores nothing twice', async () => {
        const channel = (await adminGet('/api/apps/live_chats/channels/items?size=100')).items.find((c) => (c.kind as { code: string }).code === 'other')!;
        const channelId = channel.__id as string;
        const acknowledged: number[] = [];
        let next = 0;
        let killed = false;
        const sender = async () => {
            while (next < TOTAL) {
                const i = next++;
                if ((await send(channelId, i)) === 200 && !killed) acknowledged.push(i);
                if (acknowledged.length >= TOTAL / 3 && !killed) {
                    killed = true;
                    child!.kill('SIGKILL');
                }
            }
        };
        await Promise.all(Array.from({ length: 16 }, sender));
        expect(killed).toBe(true);
        if (child!.exitCode === null && child!.signalCode === null) await new Promise((r) => child!.once('exit', r));
        await startHost();

        const stored = async () => (await adminGet('/api/apps/live_chats/messages/items?size=10000&f.author_kind=client')).items.map((m) => String(m.external_message_id)).filter((id) => id.startsWith('crash-'));
        const afterCrash = await stored();
        expect(afterCrash.length).toBe(new Set(afterCrash).size);
        expect(acknowledged.filter((i) => !afterCrash.includes(`crash-${i}`))).toEqual([]);

        const resent = await Promise.all(Array.from({ length: TOTAL }, (_, i) => send(channelId, i)));
        expect(resent.filter((s) => s !== 200)).toEqual([]);
        const afterResend = await stored();
        expect(afterResend.length).toBe(TOTAL);
        expect(new Set(afterResend).size).toBe(TOTAL);
    });
});
