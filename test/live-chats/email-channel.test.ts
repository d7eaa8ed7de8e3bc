/**
 * E-mail channels against real peers on 127.0.0.1: a private Dovecot as the help desk's IMAP
 * server (mail delivered into its INBOX by IMAP APPEND) and a local SMTP server capturing
 * what the desk sends. A new mail starts a session named by its subject; replies thread by
 * In-Reply-To/References, then by sender; attachments both ways; several recipients; IDLE
 * delivers without waiting for a poll; a restart loses and repeats nothing; replies carry
 * the threading headers, the signature and the quoted history; a refused password shows on
 * the channel until Reconnect; a switched-off channel receives nothing.
 */
import type { QueryPlan, SqliteStore } from '../../host/store/sqlite/sqlite-store';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture';
import type { TestHost } from '../support/test-host';
import { deliverMail } from './support/mail-client';
import { apiFor, eventually, rows, useLiveChat, type Api } from './support/live-chat';

const DESK = 'desk@example.test';
const SIGNATURE = 'Support team\nExample Ltd';

interface ThreadMessage { id: string; text: string; authorKind: string; deliveryState: string; attachments?: { name: string; url: string; size: number }[] }

describe('E-mail channel', () => {
    const ctx = useLiveChat();
    let dovecot: Dovecot;
    let smtp: SmtpCapture;
    let channelId: string;
    let mailNo = 0;
    const settings = (over: object = {}) => ({
        imap_host: '127.0.0.1', imap_port: dovecot.port, imap_security: 'none',
        smtp_host: '127.0.0.1', smtp_port: smtp.port, smtp_security: 'none',
        user: dovecot.user, from: `Example Support <${DESK}>`, signature: SIGNATURE, ...over,
    });
    const createChannel = async (t: TestHost, api: Api, password: string, name = 'Mailbox') => {
        const res = await t.request({
            method: 'POST', url: '/api/apps/live_chats/channels/items', cookie: api.admin,
            body: { __name: name, line: ctx.chat.lineId, kind: 'email', token: password, settings: settings() },
        });
        if (res.statusCode !== 201) throw new Error(res.body);
        await t.host.idle();
        return res.json().__id as string;
    };
    const channelRow = async (id = channelId) => (await rows(ctx.t, ctx.api.admin, 'channels')).find((c) => c.__id === id)!;
    const sessionsBy = async (name: string) => (await rows(ctx.t, ctx.api.admin, 'sessions')).filter((s) => s.__name === name);
    const mailText = (m: { channel?: unknown }) => (m.channel as { id?: string } | string) === channelId || (m.channel as { id?: string })?.id === channelId;
    /** The client's mails stored for the channel (not the desk's own or system messages). */
    const messagesOfChannel = async () => (await rows(ctx.t, ctx.api.admin, 'messages')).filter((m) => mailText(m) && (m.author_kind as { code: string }).code === 'client');
    const thread = async (sessionId: string) => ((await ctx.api.get('operator1', 'session', { sessionId })).json().messages as ThreadMessage[]).filter((m) => m.authorKind !== 'system');
    const messageId = () => `<client-${++mailNo}.${Date.now()}@client.example>`;
    const watched = () => ctx.t.host.mailboxes.status('live-chats', `mail:${channelId}`);
    /**
     * Delivers one mail and waits until the watch handed it over, capturing only the queries
     * that ran meanwhile. @returns the table scans among them (messages, sessions, clients).
     */
    const scansWhileReceiving = async (mail: Parameters<typeof deliverMail>[1]) => {
        const plans: QueryPlan[] = [];
        const handed = watched()?.lastUid ?? 0;
        const listener = (ctx.t.host.store as SqliteStore).onQueryPlan((plan) => plans.push(plan));
        try {
            await deliverMail(dovecot, mail);
            await eventually(async () => (watched()?.lastUid ?? 0) > handed, 10_000);
        } finally {
            listener.dispose();
        }
        return plans.filter((p) => /live_chats\.(messages|sessions|clients)$/.test(p.app))
            .flatMap((p) => p.steps.filter((s) => /^SCAN app_live_chats__\w+$|^SCAN app_live_chats__\w+ USING (COVERING )?INDEX/.test(s) && !/__members/.test(s)).map((s) => `${s} ← ${p.sql}`));
    };
    const arrived = async (sessionName: string, timeoutMs = 10_000) => eventually(async () => (await sessionsBy(sessionName))[0], timeoutMs);

    beforeAll(async () => {
        dovecot = await startDovecot(DESK);
        smtp = await startSmtpCapture();
        channelId = await createChannel(ctx.t, ctx.api, dovecot.password);
        await ctx.api.setStatus('operator1', 'online');
    });
    afterAll(async () => {
        await smtp?.close();
        await dovecot?.stop();
    });

    it('signs in to the IMAP server and shows the channel active', async () => {
        expect(await channelRow()).toMatchObject({ state: { code: 'active' }, last_error: null });
        expect(JSON.stringify(await channelRow())).not.toContain(dovecot.password);
    });

    it('a new mail starts a session named by its subject, announced by IDLE without waiting for a poll', async () => {
        const sent = Date.now();
        const scans = await scansWhileReceiving({ from: 'Ann Lee <ann@client.example>', to: DESK, subject: 'Printer on fire', text: 'Hello,\nthe printer is on fire.', messageId: messageId() });
        // The watch polls only every 60 s: arriving within seconds means IDLE announced it.
        expect(Date.now() - sent).toBeLessThan(8_000);
        const session = await arrived('Printer on fire');
        expect(session).toMatchObject({ state: { code: 'waiting' }, external_chat_id: 'ann@client.example' });
        const [first] = await thread(String(session.__id));
        expect(first).toMatchObject({ text: 'Hello,\nthe printer is on fire.', authorKind: 'client' });
        const client = (await rows(ctx.t, ctx.api.admin, 'clients')).find((c) => c.external_user_id === 'ann@client.example');
        expect(client).toMatchObject({ __name: 'Ann Lee', email: { email: 'ann@client.example' } });
        // Finding the thread and the client of a mail seeks indexes, never scans a table.
        expect(scans).toEqual([]);
    });

    let ticket: Record<string, unknown>;
    let clientMailId: string;

    it('stores attachments of an inbound mail as files the desk can open', async () => {
        clientMailId = messageId();
        const pdf = Buffer.from('%PDF-1.4 invoice 42');
        await deliverMail(dovecot, {
            from: 'Bob Stone <bob@client.example>', to: [DESK], cc: ['carol@client.example'], subject: 'Invoice 42 is wrong',
            text: 'See the invoice attached.', messageId: clientMailId,
            attachments: [{ filename: 'invoice-42.pdf', content: pdf, contentType: 'application/pdf' }],
        });
        ticket = await arrived('Invoice 42 is wrong');
        const [mail] = await thread(String(ticket.__id));
        expect(mail.text).toBe('See the invoice attached.');
        expect(mail.attachments).toEqual([expect.objectContaining({ name: 'invoice-42.pdf', size: pdf.length })]);
        const download = await ctx.t.request({ method: 'GET', url: mail.attachments![0].url, cookie: ctx.api.cookies.operator1 });
        expect(download.rawPayload.equals(pdf)).toBe(true);
        // Everyone on the mail besides the desk is a client of the conversation.
        expect(ticket.external_chat_id).toBe('bob@client.example, carol@client.example');
        expect((ticket.clients as unknown[]).length).toBe(2);
    });

    let replyMessageId: string;

    it('the operator\'s reply goes out by SMTP to every recipient with threading headers, signature, quote and attachment', async () => {
        expect((await ctx.api.call('operator1', 'take', { sessionId: ticket.__id })).statusCode).toBe(200);
        const upload = await ctx.t.request({ method: 'POST', url: '/api/files?name=fixed.pdf&type=application/pdf', cookie: ctx.api.cookies.operator1, body: Buffer.from('%PDF fixed'), headers: { 'content-type': 'application/octet-stream' } });
        const f = upload.json();
        const res = await ctx.api.call('operator1', 'reply', { sessionId: ticket.__id, text: 'Sorry, here is <the> corrected one & more.', files: [{ name: f.name, url: `/api/files/${f.id}`, size: f.size }] });
        expect(res.statusCode).toBe(201);
        const mail = await smtp.waitFor((m) => m.parsed.subject === 'Re: Invoice 42 is wrong');
        const p = mail.parsed;
        expect(mail.rcptTo.sort()).toEqual(['bob@client.example', 'carol@client.example']);
        expect(mail.login).toBe(`${dovecot.user}:${dovecot.password}`);
        expect(p.from?.value[0]).toMatchObject({ address: DESK, name: 'Example Support' });
        expect(p.messageId).toMatch(/^<[^@<>]+@example\.test>$/);
        expect(p.inReplyTo).toBe(clientMailId);
        expect([p.references].flat()).toEqual([clientMailId]);
        const body = p.text!.replace(/\r\n/g, '\n');
        expect(body).toContain('Sorry, here is <the> corrected one & more.');
        expect(body).toContain(`\n-- \n${SIGNATURE}\n`);
        expect(body).toMatch(/On \d{4}-\d\d-\d\d \d\d:\d\d, Bob Stone wrote:\n> See the invoice attached\./);
        expect(p.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['fixed.pdf', '%PDF fixed']]);
        replyMessageId = p.messageId!;
        await eventually(async () => (await thread(String(ticket.__id))).some((m) => m.authorKind !== 'client' && m.deliveryState === 'delivered'));
    });

    it('a reply threads by In-Reply-To, by References, and then by sender; its quoted history is not stored again', async () => {
        // Each lookup (thread by Message-ID, the sender's client and latest session) is an index seek.
        expect(await scansWhileReceiving({
            from: 'carol@client.example', to: DESK, subject: 'Re: Invoice 42 is wrong', messageId: messageId(), inReplyTo: replyMessageId, references: [clientMailId, replyMessageId],
            text: 'Thanks, Carol here.\n\nOn Mon, 1 Jan 2026 at 10:00, Example Support wrote:\n> Sorry, here is the corrected one.\n',
        })).toEqual([]);
        // Only References, a subject that changed on the way.
        expect(await scansWhileReceiving({ from: 'bob@client.example', to: DESK, subject: 'AW: Rechnung', messageId: messageId(), references: [replyMessageId], text: 'Bob, via References.' })).toEqual([]);
        // No headers at all, but the same sender answering.
        expect(await scansWhileReceiving({ from: 'bob@client.example', to: DESK, subject: 'Re: invoice', messageId: messageId(), text: 'Bob again, by sender.' })).toEqual([]);
        await eventually(async () => (await thread(String(ticket.__id))).some((m) => m.text === 'Bob again, by sender.'), 10_000);
        const texts = (await thread(String(ticket.__id))).map((m) => m.text);
        expect(texts).toEqual(expect.arrayContaining(['Thanks, Carol here.', 'Bob, via References.', 'Bob again, by sender.']));
        expect((await rows(ctx.t, ctx.api.admin, 'sessions')).filter((s) => ['Re: Invoice 42 is wrong', 'AW: Rechnung', 'Re: invoice'].includes(String(s.__name)))).toEqual([]);
        // A mail that is no reply starts its own conversation even from a known sender.
        await deliverMail(dovecot, { from: 'bob@client.example', to: DESK, subject: 'Another question', messageId: messageId(), text: 'Unrelated.' });
        const other = await arrived('Another question');
        expect(other.__id).not.toBe(ticket.__id);
    });

    it('a reply the SMTP server refuses for now is retried and arrives once', async () => {
        smtp.refuseNext(2);
        const before = smtp.mails.length;
        const res = await ctx.api.call('operator1', 'reply', { sessionId: ticket.__id, text: 'Second try works.' });
        expect(res.statusCode).toBe(201);
        await eventually(async () => (await thread(String(ticket.__id))).some((m) => m.text === 'Second try works.' && m.deliveryState === 'delivered'), 15_000);
        expect(smtp.refused).toBe(2);
        expect(smtp.mails.slice(before).filter((m) => m.parsed.text?.includes('Second try works.'))).toHaveLength(1);
    });

    it('a mail from a blocked address starts a session that is spam from the start', async () => {
        const entry = await ctx.t.request({ method: 'POST', url: '/api/apps/live_chats/blocklist/items', cookie: ctx.api.admin, body: { __name: 'Spam domain', list_type: 'blocklist', rule_type: 'email', rule_operator: 'ends_with', rule_value: '@spam.example', all_lines: true } });
        expect(entry.statusCode).toBe(201);
        await deliverMail(dovecot, { from: 'win@spam.example', to: DESK, subject: 'Cheap watches', messageId: messageId(), text: 'Buy now' });
        expect(await arrived('Cheap watches')).toMatchObject({ state: { code: 'marked_as_spam' }, waiting_since: null, blocked_by: entry.json().__id });
    });

    it('a restart of the host loses no mail and hands none over twice', async () => {
        const before = (await messagesOfChannel()).length;
        await ctx.t.stop();
        await deliverMail(dovecot,
            { from: 'dan@client.example', to: DESK, subject: 'While the desk was down', messageId: messageId(), text: 'one' },
            { from: 'dan@client.example', to: DESK, subject: 'Re: While the desk was down', messageId: messageId(), text: 'two' });
        ctx.t = await ctx.t.restart();
        ctx.api = await apiFor(ctx.t);
        await ctx.api.setStatus('operator1', 'online');
        const session = await arrived('While the desk was down');
        await eventually(async () => (await thread(String(session.__id))).length === 2, 10_000);
        await deliverMail(dovecot, { from: 'erin@client.example', to: DESK, subject: 'After the restart', messageId: messageId(), text: 'three' });
        await arrived('After the restart');
        const all = await messagesOfChannel();
        expect(all.length).toBe(before + 3);
        const ids = all.map((m) => m.external_message_id);
        expect(new Set(ids).size).toBe(ids.length);
        expect((await thread(String(session.__id))).map((m) => m.text)).toEqual(['one', 'two']);
    });

    it('an IMAP server that goes away shows Error with the reason; the watch comes back on its own', async () => {
        await dovecot.down();
        await eventually(async () => (await channelRow()).state && ((await channelRow()).state as { code: string }).code === 'error', 15_000);
        expect(String((await channelRow()).last_error)).toMatch(/^The IMAP server: /);
        await dovecot.up();
        await eventually(async () => ((await channelRow()).state as { code: string }).code === 'active', 20_000);
        expect((await channelRow()).last_error).toBeNull();
        await deliverMail(dovecot, { from: 'gina@client.example', to: DESK, subject: 'After the outage', messageId: messageId(), text: 'back?' });
        await arrived('After the outage');
    });

    it('a refused password sets the channel to Error with the reason; Reconnect recovers once it is right', async () => {
        const bad = await createChannel(ctx.t, ctx.api, 'wrong-password', 'Bad mailbox');
        expect(await channelRow(bad)).toMatchObject({ state: { code: 'error' } });
        expect(String((await channelRow(bad)).last_error)).toMatch(/refused the user name or password/);
        const fix = await ctx.t.request({ method: 'PATCH', url: `/api/apps/live_chats/channels/items/${bad}`, cookie: ctx.api.admin, body: { token: dovecot.password } });
        expect(fix.statusCode).toBe(200);
        const back = await ctx.api.call('admin', 'reconnect_channel', { channelId: bad });
        expect(back.json()).toMatchObject({ state: 'active', error: null });
        expect(await channelRow(bad)).toMatchObject({ state: { code: 'active' }, last_error: null });
        expect((await ctx.api.call('admin', 'disconnect_channel', { channelId: bad })).statusCode).toBe(200);
    });

    it('a switched-off channel receives nothing; Reconnect picks up what waited in the inbox', async () => {
        expect((await ctx.api.call('admin', 'disconnect_channel', { channelId })).statusCode).toBe(200);
        expect(await channelRow()).toMatchObject({ state: { code: 'disconnected' } });
        const before = (await messagesOfChannel()).length;
        await deliverMail(dovecot, { from: 'fred@client.example', to: DESK, subject: 'While switched off', messageId: messageId(), text: 'anyone?' });
        await new Promise((r) => setTimeout(r, 2_000));
        await ctx.t.host.idle();
        expect((await messagesOfChannel()).length).toBe(before);
        expect(await sessionsBy('While switched off')).toEqual([]);
        const back = await ctx.api.call('admin', 'reconnect_channel', { channelId });
        expect(back.json()).toMatchObject({ state: 'active', error: null });
        await arrived('While switched off');
        expect((await messagesOfChannel()).length).toBe(before + 1);
    });
});
