/**
 * Input that used to slip through: settings named after Object.prototype members, file
 * names and sizes nobody could show, and lone surrogates that the store would silently
 * replace. Each is refused with 400 VALIDATION_FAILED and nothing is stored.
 */
import { rows, TOKEN, useLiveChat } from '../live-chats/support/live-chat';

describe('input limits', () => {
    const ctx = useLiveChat();
    let sessionId = '';
    let n = 0;
    const messages = async () => (await rows(ctx.t, ctx.api.admin, 'messages')).length;

    beforeAll(async () => {
        await ctx.api.setStatus('operator1', 'online');
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'in-0', user: 'u-limits', text: 'hello' });
        sessionId = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-u-limits')!.__id as string;
        expect((await ctx.api.call('operator1', 'take', { sessionId })).statusCode).toBe(200);
    });

    it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('refuses the setting %s by name and stores nothing', async (key) => {
        const before = (await ctx.api.get('admin', 'settings', {})).json().settings;
        const res = await ctx.t.request({
            method: 'POST', url: '/api/extensions/live_chats/save_settings', cookie: ctx.api.admin,
            body: `{"sounds": false, ${JSON.stringify(key)}: {"polluted": true}}`, headers: { 'content-type': 'application/json' },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { [key]: 'unknown setting' } });
        expect((await ctx.api.get('admin', 'settings', {})).json().settings).toEqual(before);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    const badFiles: [string, object, string][] = [
        ['an empty name', { name: '', url: 'https://files.example/1' }, 'files.0.name'],
        ['a name of 256 characters', { name: 'x'.repeat(256), url: 'https://files.example/1' }, 'files.0.name'],
        ['a negative size', { name: 'a.pdf', url: 'https://files.example/1', size: -1 }, 'files.0.size'],
        ['a size that is not a number', { name: 'a.pdf', url: 'https://files.example/1', size: '12' }, 'files.0.size'],
    ];

    it.each(badFiles)('refuses a reply with a file of %s', async (_name, file, path) => {
        const before = await messages();
        const res = await ctx.api.call('operator1', 'reply', { sessionId, text: 'see attached', files: [file] });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { [path]: expect.any(String) } });
        expect(await messages()).toBe(before);
    });

    it.each(badFiles)('refuses a webhook message with a file of %s', async (_name, file, path) => {
        const before = await messages();
        const { url, ...rest } = file as { url: string };
        const res = await ctx.api.webhook(ctx.chat.otherChannelId, {
            type: 'message', token: TOKEN,
            data: { externalMessageId: `f-${++n}`, externalUserId: 'u-limits', externalChatId: 'chat-u-limits', text: 'file', files: [{ ...rest, URL: url }] },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { [path]: expect.any(String) } });
        expect(await messages()).toBe(before);
    });

    it('accepts a 255-character file name and a size of 0', async () => {
        const res = await ctx.api.call('operator1', 'reply', { sessionId, files: [{ name: 'x'.repeat(255), url: 'https://files.example/2', size: 0 }] });
        expect(res.statusCode).toBe(201);
    });

    describe('lone surrogates', () => {
        const lone = 'broken \ud800 text';

        it('are refused at the inbound webhook', async () => {
            const before = await messages();
            const res = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `s-${++n}`, user: 'u-limits', text: lone });
            expect(res.statusCode).toBe(400);
            expect(res.json().error.code).toBe('VALIDATION_FAILED');
            expect(await messages()).toBe(before);
        });

        it('are refused in a reply, an employee\'s message and an edit', async () => {
            const before = await messages();
            const reply = await ctx.api.call('operator1', 'reply', { sessionId, text: lone });
            expect(reply.statusCode).toBe(400);
            expect(reply.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { text: expect.any(String) } });
            const write = await ctx.api.call('employee', 'internal_write', { lineId: ctx.chat.lineId, text: '\udc00 alone' });
            expect(write.statusCode).toBe(400);
            expect(write.json().error.code).toBe('VALIDATION_FAILED');
            expect(await messages()).toBe(before);

            const sent = (await ctx.api.call('operator1', 'reply', { sessionId, text: 'first version' })).json().message;
            const edit = await ctx.api.call('operator1', 'edit_message', { messageId: sent.id, text: lone });
            expect(edit.statusCode).toBe(400);
            expect(edit.json().error.code).toBe('VALIDATION_FAILED');
            const stored = (await ctx.api.get('operator1', 'session', { sessionId })).json().messages.find((m: { id: string }) => m.id === sent.id);
            expect(stored.text).toBe('first version');
        });

        it('still lets a well-formed pair through unchanged', async () => {
            const text = 'thanks \ud83d\ude00';
            const res = await ctx.api.call('operator1', 'reply', { sessionId, text });
            expect(res.statusCode).toBe(201);
            expect(res.json().message.text).toBe(text);
        });
    });
});
