/**
 * Every error answer has the host's one shape `{ error: { code, message } }`, also when
 * fastify or Node's HTTP parser answers before any route runs.
 */
import net from 'node:net';
import { startTestHost, type TestHost } from '../support/test-host';

/** Sends raw bytes and reads the whole answer: status and JSON body. */
function raw(port: number, text: string): Promise<{ status: number; body: unknown }> {
    return new Promise((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('error', reject);
        socket.on('close', () => {
            const [head, body] = answer.split('\r\n\r\n');
            resolve({ status: Number(head.split(' ')[1]), body: body ? JSON.parse(body) : undefined });
        });
    });
}

const shape = (code: string) => ({ error: { code, message: expect.any(String) } });

describe('one error shape', () => {
    let t: TestHost;
    let port: number;
    beforeAll(async () => {
        t = await startTestHost({ packageFile: null, demo: false });
        port = Number(new URL(await t.host.listen(0, '127.0.0.1')).port);
    });
    afterAll(() => t.close());

    it('answers a header block over 16 KB with 431 in the host shape', async () => {
        const res = await raw(port, `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
        expect(res).toEqual({ status: 431, body: shape('HEADERS_TOO_LARGE') });
    });

    it('answers a request that is not HTTP with 400 in the host shape', async () => {
        expect(await raw(port, 'HELLO\r\n\r\n')).toEqual({ status: 400, body: shape('BAD_REQUEST') });
    });

    it('answers a URL that cannot be decoded with 400 in the host shape', async () => {
        const res = await t.request({ method: 'GET', url: '/api/apps/%E0%A4%A/x/items' });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(shape('BAD_REQUEST'));
    });

    it('answers malformed JSON, a wrong content type and an unknown route in the host shape', async () => {
        const badJson = await t.request({ method: 'POST', url: '/api/auth/login', body: '{"login":', headers: { 'content-type': 'application/json' } });
        expect([badJson.statusCode, badJson.json()]).toEqual([400, shape('BAD_REQUEST')]);
        const xml = await t.request({ method: 'POST', url: '/api/auth/login', body: '<login/>', headers: { 'content-type': 'application/xml' } });
        expect([xml.statusCode, xml.json()]).toEqual([415, shape('UNSUPPORTED_MEDIA_TYPE')]);
        const unknown = await t.request({ method: 'GET', url: '/api/nothing-here' });
        expect([unknown.statusCode, unknown.json()]).toEqual([404, shape('NOT_FOUND')]);
    });

    it('answers a plain GET of the WebSocket address in the host shape', async () => {
        const res = await t.request({ method: 'GET', url: '/api/ws' });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual(shape('BAD_REQUEST'));
    });
});
