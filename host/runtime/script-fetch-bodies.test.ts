/**
 * Bodies beyond text: bytes go out and come back unchanged, and a multipart form (fields
 * and files) is read back by Node's own form-data parser, as an upload API would read it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { scriptFetch } from './script-fetch';

describe('script fetch bodies', () => {
    let server: http.Server;
    let url: string;

    beforeAll(async () => {
        // Echoes the raw body with the content type it came with.
        server = http.createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on('data', (c: Buffer) => chunks.push(c));
            req.on('end', () => res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'none' }).end(Buffer.concat(chunks)));
        });
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
    });

    it('sends bytes and reads the answer as bytes', async () => {
        const bytes = new Uint8Array([0, 255, 10, 13, 0x89, 0x50, 0x4e, 0x47]);
        const res = await scriptFetch(`${url}/raw`, { method: 'POST', body: bytes, headers: { 'content-type': 'image/png' } });
        expect(res.headers.get('content-type')).toBe('image/png');
        expect([...(await res.bytes())]).toEqual([...bytes]);
    });

    it('sends a multipart form that a form-data parser reads back field by field', async () => {
        const photo = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x0d, 0x0a, 0x2d, 0x2d]);
        const res = await scriptFetch(`${url}/upload`, {
            method: 'POST',
            body: { multipart: [
                { name: 'chat_id', value: '42' },
                { name: 'caption', value: 'naïve "quote"\r\nline' },
                { name: 'photo', file: { name: 'é photo.jpg', content: photo, contentType: 'image/jpeg' } },
            ] },
        });
        const type = res.headers.get('content-type')!;
        expect(type).toMatch(/^multipart\/form-data; boundary=/);
        const form = await new Response(Buffer.from(await res.bytes()), { headers: { 'content-type': type } }).formData();
        expect(form.get('chat_id')).toBe('42');
        expect(form.get('caption')).toBe('naïve "quote"\r\nline');
        const file = form.get('photo') as File;
        expect(file.type).toBe('image/jpeg');
        expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([...photo]);
    });

    it('refuses a body it cannot send', async () => {
        await expect(scriptFetch(`${url}/x`, { method: 'POST', body: { multipart: [{ name: 'a' }] } })).rejects.toBeInstanceOf(TypeError);
        await expect(scriptFetch(`${url}/x`, { method: 'POST', body: 42 as unknown as string })).rejects.toBeInstanceOf(TypeError);
    });
});
