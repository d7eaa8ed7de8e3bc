/**
 * The OpenAPI document publishes each extension API method and public route with the
 * request schema its manifest declares: a JSON body, or query parameters for GET.
 */
import { startTestHost, type TestHost } from '../support/test-host';

describe('OpenAPI of extension methods and routes', () => {
    let t: TestHost;
    let doc: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required: string[] } }> }; parameters?: { name: string; in: string; required: boolean }[] }>> };

    beforeAll(async () => {
        t = await startTestHost();
        doc = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
    });
    afterAll(() => t.close());

    it('gives a POST method its body schema', () => {
        const reply = doc.paths['/api/extensions/live_chats/reply'].post;
        expect(reply.requestBody?.content['application/json'].schema.required).toEqual(['sessionId']);
    });

    it('turns a GET method\'s schema into query parameters', () => {
        expect(doc.paths['/api/extensions/live_chats/sessions'].get.parameters).toEqual([
            expect.objectContaining({ name: 'lineId', in: 'query', required: true }),
            expect.objectContaining({ name: 'view', in: 'query', required: false }),
        ]);
    });

    it('keeps a public route\'s path parameters next to its body schema', () => {
        const webhook = doc.paths['/api/messengers/external/other/webhook/{channelId}'].post;
        expect(webhook.parameters).toEqual([expect.objectContaining({ name: 'channelId', in: 'path', required: true })]);
        expect(webhook.requestBody?.content['application/json'].schema.required).toEqual(['type']);
    });
});
