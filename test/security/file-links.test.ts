/**
 * An operator's attachment reaches the messenger as a link it can fetch: absolute under the
 * host's base URL, signed and expiring (7 days unless set), working without a cookie —
 * while the same file stays behind sign-in without a valid signature, and a link cannot be
 * stretched to another file or a later expiry.
 */
import path from 'node:path';
import { FileLinks } from '../../host/runtime/file-links';
import { useLiveChat } from '../live-chats/support/live-chat';
import { reply, takenSession } from './support/taken-session';

describe('files sent to a messenger', () => {
    const ctx = useLiveChat();
    const upload = async (name: string, body: string) => {
        const res = await ctx.t.request({ method: 'POST', url: `/api/files?name=${name}`, cookie: ctx.api.cookies.operator1, body: Buffer.from(body), headers: { 'content-type': 'application/octet-stream' } });
        expect(res.statusCode).toBe(201);
        return res.json() as { id: string; size: number };
    };
    const get = (url: string, cookie?: string) => ctx.t.request({ method: 'GET', url: url.replace('http://127.0.0.1', ''), cookie });

    it('go as absolute signed links that work without signing in, and only for that file until they expire', async () => {
        const sessionId = await takenSession(ctx, 'chat-files');
        const secret = await upload('plan.txt', 'the plan');
        const other = await upload('other.txt', 'not for you');
        const sentAt = Date.now();
        await reply(ctx, sessionId, 'here it is', [
            { name: 'plan.txt', url: `/api/files/${secret.id}`, size: secret.size },
            { name: 'elsewhere.pdf', url: 'https://files.example/1' },
        ]);
        const sent = await ctx.messenger.waitFor((r) => r.data?.text === 'here it is');
        const [file, external] = sent.data!.files as { name: string; size: number; URL: string }[];
        expect(external).toEqual({ name: 'elsewhere.pdf', size: 0, URL: 'https://files.example/1' });
        expect(file).toMatchObject({ name: 'plan.txt', size: secret.size });
        const link = new URL(file.URL);
        expect(`${link.origin}${link.pathname}`).toBe(`http://127.0.0.1/api/files/${secret.id}`);
        const week = 7 * 24 * 3600 * 1000;
        expect(Number(link.searchParams.get('expires'))).toBeGreaterThanOrEqual(sentAt + week);
        expect(Number(link.searchParams.get('expires'))).toBeLessThanOrEqual(Date.now() + week);

        const fetched = await get(file.URL);
        expect([fetched.statusCode, fetched.body]).toEqual([200, 'the plan']);

        expect((await get(`/api/files/${secret.id}`)).statusCode).toBe(401);
        expect((await get(file.URL.replace(secret.id, other.id))).statusCode).toBe(403);
        const later = new URL(file.URL);
        later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + week));
        expect((await get(later.toString())).statusCode).toBe(403);
        const forged = new URL(file.URL);
        forged.searchParams.set('signature', 'A'.repeat(43));
        expect((await get(forged.toString())).statusCode).toBe(403);

        const links = new FileLinks(path.join(ctx.t.dataDir, 'files'), path.join(ctx.t.dataDir, 'file-links.key'), () => 'http://127.0.0.1');
        const expired = links.sign(secret.id, 60, Date.now() - 61_000);
        expect((await get(expired)).statusCode).toBe(403);
        expect((await get(links.sign(secret.id, 60))).body).toBe('the plan');
    });

    it('last as long as the file_link_days setting says', async () => {
        expect((await ctx.api.call('admin', 'save_settings', { file_link_days: 1 })).statusCode).toBe(200);
        const sessionId = await takenSession(ctx, 'chat-short');
        const f = await upload('short.txt', 'brief');
        await reply(ctx, sessionId, 'short-lived', [{ name: 'short.txt', url: `/api/files/${f.id}` }]);
        const sent = await ctx.messenger.waitFor((r) => r.data?.text === 'short-lived');
        const expires = Number(new URL((sent.data!.files as { URL: string }[])[0].URL).searchParams.get('expires'));
        expect(expires).toBeLessThanOrEqual(Date.now() + 24 * 3600 * 1000);
        expect(expires).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    });
});
