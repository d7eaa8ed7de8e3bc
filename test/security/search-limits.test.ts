/**
 * Free-text search has bounds: a search of a thousand words is answered as the caller's
 * mistake (400 SEARCH_TOO_LONG), through the item API and in scripts, never as a 500.
 */
import { startTestHost, type TestHost } from '../support/test-host';

interface Search {
    where(build: (f: unknown, g: { fts(text: string): unknown }) => unknown): Search;
    all(): Promise<unknown[]>;
}
interface Globals {
    Namespace: { app: Record<string, { search(): Search }> };
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

describe('free-text search limits', () => {
    let t: TestHost;
    let reader: string;
    beforeAll(async () => {
        t = await startTestHost();
        reader = await t.login('reader');
    });
    afterAll(() => t.close());

    const list = (q: string) => t.request({ method: 'GET', url: `/api/apps/live_chats/articles/items?q=${encodeURIComponent(q)}`, cookie: reader });

    it('answers a search of 1,001 words with a clear 400 through the item API', async () => {
        const res = await list(words(1001));
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'SEARCH_TOO_LONG', message: expect.stringMatching(/at most 32 words/) });
    });

    it('answers an over-long single word with 400 too, and still searches within the bounds', async () => {
        expect((await list('x'.repeat(501))).json().error.code).toBe('SEARCH_TOO_LONG');
        const ok = await list(words(32));
        expect(ok.statusCode).toBe(200);
        expect(ok.json().items).toEqual([]);
    });

    it("gives a script's g.fts() the same clear error it can catch", async () => {
        const g = t.host.runner.globals as unknown as Globals;
        const extension = t.host.extensions.get('live-chats')!;
        const outcome = await t.host.runner.run({ extension, script: 'test', userId: null, data: {} }, async () => {
            try {
                await g.Namespace.app.articles.search().where((_f, q) => q.fts(words(1001))).all();
                return 'no error';
            } catch (error) {
                return (error as { code?: string }).code;
            }
        });
        expect(outcome).toBe('SEARCH_TOO_LONG');
    });
});
