/**
 * The website chat's offline form and the blocklist, through the visitor's own socket (the
 * frames the widget sends): a visitor who left an address while nobody was Online is
 * answered by e-mail through the live chat's e-mail channel (a private Dovecot it signs in
 * to, a local SMTP server capturing the mail) as well as in the chat; a blocked visitor is
 * kept out of the desk like a client of any other channel.
 */
import WebSocket from 'ws';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture';
import { until } from '../support/sockets';
import { eventually, rows, useLiveChat } from './support/live-chat';

const SITE = 'https://shop.example';
const DESK = 'desk@example.test';

interface Frame { type: string; id?: string; result?: unknown; code?: string; payload?: unknown; event?: string }

describe('the website chat answered by e-mail, and the blocklist', () => {
    const ctx = useLiveChat();
    let dovecot: Dovecot;
    let smtp: SmtpCapture;
    let base: string;
    let websiteId: string;
    let frameNo = 0;

    const item = async (app: string, body: object) => {
        const res = await ctx.t.request({ method: 'POST', url: `/api/apps/live_chats/${app}/items`, cookie: ctx.api.admin, body });
        if (res.statusCode !== 201) throw new Error(`${app}: ${res.body}`);
        await ctx.t.host.idle();
        return res.json().__id as string;
    };
    /** A visit: opens the widget's socket, sends one frame, waits for its answer and leaves. */
    const visitorSends = async (visit: string, body: Record<string, unknown>) => {
        const socket = new WebSocket(`${base}/api/sockets/live_chats/webchat?channel=${websiteId}&visit=${visit}`, { origin: SITE });
        const frames: Frame[] = [];
        socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Frame));
        await new Promise<void>((resolve, reject) => { socket.on('open', () => resolve()); socket.on('error', reject); });
        await until(() => frames.some((f) => f.type === 'hello'));
        const id = `f${++frameNo}`;
        socket.send(JSON.stringify({ id, body: { clientId: `c${frameNo}`, ...body } }));
        await until(() => frames.some((f) => f.id === id));
        const answer = frames.find((f) => f.id === id)!;
        socket.close();
        return answer;
    };
    const sessionOf = async (visit: string) => eventually(async () => (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === `visit:${visit}`));

    beforeAll(async () => {
        dovecot = await startDovecot(DESK);
        smtp = await startSmtpCapture();
        base = (await ctx.t.host.listen(0)).replace('http', 'ws');
        websiteId = await item('channels', { __name: 'Website', line: ctx.chat.lineId, kind: 'website', token: 'site-secret', settings: { allowed_origins: [SITE], title: 'Shop support' } });
        await item('channels', {
            __name: 'Mailbox', line: ctx.chat.lineId, kind: 'email', token: dovecot.password,
            settings: { imap_host: '127.0.0.1', imap_port: dovecot.port, imap_security: 'none', smtp_host: '127.0.0.1', smtp_port: smtp.port, smtp_security: 'none', user: dovecot.user, from: `Shop <${DESK}>`, signature: 'Shop support team' },
        });
        const channels = await rows(ctx.t, ctx.api.admin, 'channels');
        expect(channels.filter((c) => ['Website', 'Mailbox'].includes(String(c.__name))).map((c) => (c.state as { code: string }).code)).toEqual(['active', 'active']);
    });
    afterAll(async () => {
        await smtp?.close();
        await dovecot?.stop();
    });

    it('answers a visitor of the offline form by e-mail through the live chat\'s e-mail channel', async () => {
        const answer = await visitorSends('late1', { type: 'offline', name: 'Late Larry', email: 'larry@client.example', text: 'Please call me back tomorrow' });
        expect(answer.type).toBe('reply');
        const session = await sessionOf('late1');
        expect(session.reply_email).toBe('larry@client.example');

        await ctx.api.setStatus('operator1', 'online');
        expect((await ctx.api.call('operator1', 'take', { sessionId: session.__id })).statusCode).toBe(200);
        const reply = await ctx.api.call('operator1', 'reply', { sessionId: session.__id, text: 'We will call you at 10.' });
        expect(reply.statusCode).toBe(201);
        const mail = await smtp.waitFor((m) => m.rcptTo.includes('larry@client.example'));
        expect(mail.rcptTo).toEqual(['larry@client.example']);
        expect(mail.parsed.subject).toBe('Re: Shop support');
        expect(mail.parsed.from?.value[0].address).toBe(DESK);
        expect(mail.parsed.messageId).toMatch(/@example\.test>$/);
        const body = mail.parsed.text!.replace(/\r\n/g, '\n');
        expect(body).toContain('We will call you at 10.');
        expect(body).toContain('\n-- \nShop support team');
        expect(body).toMatch(/Late Larry wrote:\n> Please call me back tomorrow/);
        const messages = (await ctx.api.get('operator1', 'session', { sessionId: String(session.__id) })).json().messages as { text: string; deliveryState: string }[];
        await eventually(async () => ((await ctx.api.get('operator1', 'session', { sessionId: String(session.__id) })).json().messages as { text: string; deliveryState: string }[])
            .some((m) => m.text === 'We will call you at 10.' && m.deliveryState === 'delivered'));
        expect(messages.some((m) => m.text === 'Please call me back tomorrow')).toBe(true);
    });

    it('does not mail a visitor who chatted live and left no address', async () => {
        await visitorSends('live1', { type: 'message', text: 'Quick question' });
        const session = await sessionOf('live1');
        expect(session.reply_email).toBeNull();
        expect((await ctx.api.call('operator1', 'take', { sessionId: session.__id })).statusCode).toBe(200);
        const before = smtp.mails.length;
        expect((await ctx.api.call('operator1', 'reply', { sessionId: session.__id, text: 'Quick answer' })).statusCode).toBe(201);
        await ctx.t.host.idle();
        await new Promise((r) => setTimeout(r, 500));
        expect(smtp.mails.length).toBe(before);
    });

    it('keeps a blocked visitor out of the desk, by visit id or by the address they leave', async () => {
        await item('blocklist', { __name: 'Spam domain', list_type: 'blocklist', rule_type: 'email', rule_operator: 'ends_with', rule_value: '@spam.example', all_lines: true });
        await item('blocklist', { __name: 'A pest', list_type: 'blocklist', rule_type: 'external_id', rule_operator: 'equals', rule_value: 'visit:pest1', all_lines: true });
        const queueBefore = (await ctx.api.get('admin', 'sessions', { lineId: ctx.chat.lineId, view: 'queue' })).json();

        const byAddress = await visitorSends('spam1', { type: 'offline', name: 'Spammer', email: 'win@spam.example', text: 'Cheap watches' });
        expect(byAddress.type).toBe('reply');
        const byVisit = await visitorSends('pest1', { type: 'message', text: 'Buy now' });
        expect(byVisit.type).toBe('reply');
        for (const visit of ['spam1', 'pest1']) {
            const session = await sessionOf(visit);
            expect(session).toMatchObject({ state: { code: 'marked_as_spam' }, operator: null, waiting_since: null });
            expect(session.blocked_by).toEqual(expect.any(String));
        }
        const queueAfter = (await ctx.api.get('admin', 'sessions', { lineId: ctx.chat.lineId, view: 'queue' })).json();
        expect(queueAfter).toEqual(queueBefore);
        // Another visitor of the same site still gets in.
        await visitorSends('fine1', { type: 'message', text: 'Hello' });
        expect(await sessionOf('fine1')).toMatchObject({ state: { code: 'waiting' } });
    });
});
