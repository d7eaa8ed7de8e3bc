/**
 * Transcripts: one session's conversation as an HTML file to save, and the sessions a
 * filter picks with their messages as JSON Lines — for whoever may read the sessions, with
 * staff-only notes kept from readers unless they ask, and every text escaped.
 */
import { rows, useLiveChat } from './support/live-chat';

interface TranscriptLine {
    session: { id: string; state: string; externalChatId: string };
    messages: { author: string; text: string; kind: string; staffOnly: boolean }[];
}

describe('transcripts', () => {
    const ctx = useLiveChat();
    let sessionId: string;
    const EXTRA = 104;

    const sessionOf = async (chat: string) => (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === chat)!.__id as string;
    const jsonl = (body: string) => body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as TranscriptLine);

    beforeAll(async () => {
        const { api, chat } = ctx;
        await api.clientWrites(chat.otherChannelId, { id: 't-1', user: 'u-tr', text: '<script>alert(1)</script> & my parcel' });
        sessionId = await sessionOf('chat-u-tr');
        await api.setStatus('operator1', 'online');
        await api.setStatus('supervisor', 'online');
        expect((await api.call('operator1', 'take', { sessionId })).statusCode).toBe(200);
        expect((await api.call('operator1', 'reply', { sessionId, text: 'Hello <b>there</b>' })).statusCode).toBe(201);
        expect((await api.call('supervisor', 'system_note', { sessionId, text: 'Internal: check the refund' })).statusCode).toBeLessThan(300);
        // Enough waiting sessions that the bulk export reads more than one page of sessions.
        for (let i = 0; i < EXTRA; i++) await api.clientWrites(chat.otherChannelId, { id: `w-${i}`, user: `u-w${i}`, text: `Waiting ${i}` });
        await ctx.t.host.idle();
    });

    it('gives an operator the session as an HTML file with every message, names and text escaped', async () => {
        const res = await ctx.api.get('operator1', 'session_transcript', { sessionId });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".* transcript\.html"/);
        const html = res.body;
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; my parcel');
        expect(html).not.toContain('<script>');
        expect(html).toContain('Hello &lt;b&gt;there&lt;/b&gt;');
        expect(html).toContain('Olga Operator');
        expect(html).toContain('Internal: check the refund');
        expect(html.indexOf('my parcel')).toBeLessThan(html.indexOf('Hello &lt;b&gt;'));
    });

    it('keeps staff-only notes from readers unless they ask, and refuses those who may not read the live chat', async () => {
        const plain = await ctx.api.get('reader', 'session_transcript', { sessionId });
        expect(plain.statusCode).toBe(200);
        expect(plain.body).toContain('Hello &lt;b&gt;there&lt;/b&gt;');
        expect(plain.body).not.toContain('Internal: check the refund');
        expect((await ctx.api.get('reader', 'session_transcript', { sessionId, system: 'true' })).body).toContain('Internal: check the refund');
        const refused = await ctx.api.get('employee', 'session_transcript', { sessionId });
        expect(refused.statusCode).toBe(403);
        expect(refused.json().error.code).toBe('FORBIDDEN_ROLE');
        expect((await ctx.api.get('operator1', 'session_transcript', { sessionId: 'nope' })).statusCode).toBe(404);
        expect((await ctx.api.get('operator1', 'session_transcript', {})).json().error.code).toBe('VALIDATION_FAILED');
    });

    it('streams the filtered sessions with their messages as JSON Lines, a page of sessions after another', async () => {
        const all = await ctx.api.get('supervisor', 'session_transcripts', { lineId: ctx.chat.lineId });
        expect(all.statusCode).toBe(200);
        expect(all.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
        expect(all.headers['content-disposition']).toMatch(/^attachment; filename="Support transcripts \d{4}-\d\d-\d\d\.jsonl"/);
        const lines = jsonl(all.body);
        expect(lines).toHaveLength(EXTRA + 1);
        expect(new Set(lines.map((l) => l.session.id)).size).toBe(EXTRA + 1);
        expect(lines[0].session.id).toBe(sessionId);
        expect(lines[0].messages.map((m) => [m.kind, m.author, m.text])).toEqual([
            ['client', expect.any(String), '<script>alert(1)</script> & my parcel'],
            ...lines[0].messages.slice(1, -2).map((m) => [m.kind, m.author, m.text]),
            ['operator', 'Olga Operator', 'Hello <b>there</b>'],
            ['system', 'System', 'Internal: check the refund'],
        ]);
        expect(lines[EXTRA].messages[0].text).toBe(`Waiting ${EXTRA - 1}`);

        const waiting = jsonl((await ctx.api.get('supervisor', 'session_transcripts', { lineId: ctx.chat.lineId, state: 'waiting' })).body);
        expect(waiting).toHaveLength(EXTRA);
        expect(waiting.every((l) => l.session.state === 'waiting')).toBe(true);
        const future = await ctx.api.get('supervisor', 'session_transcripts', { lineId: ctx.chat.lineId, from: '2999-01-01' });
        expect(future.statusCode).toBe(200);
        expect(future.body).toBe('');
    });

    it('gives readers the bulk transcripts without staff-only notes, and refuses bad filters and outsiders', async () => {
        const lines = jsonl((await ctx.api.get('reader', 'session_transcripts', { lineId: ctx.chat.lineId, state: 'assigned_to_operator' })).body);
        expect(lines).toHaveLength(1);
        expect(lines[0].messages.some((m) => m.staffOnly)).toBe(false);
        const bad = await ctx.api.get('supervisor', 'session_transcripts', { lineId: ctx.chat.lineId, state: 'lost' });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('state must be one of') });
        expect((await ctx.api.get('supervisor', 'session_transcripts', { lineId: ctx.chat.lineId, from: 'yesterday' })).json().error.code).toBe('VALIDATION_FAILED');
        expect((await ctx.api.get('employee', 'session_transcripts', { lineId: ctx.chat.lineId })).statusCode).toBe(403);
        expect((await ctx.api.get('supervisor', 'session_transcripts', { lineId: 'nope' })).statusCode).toBe(404);
    });
});
