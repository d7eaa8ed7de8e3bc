/**
 * Small things staff notice: administrators get the live pushes of every live chat, a
 * channel without its settings is not shown Active, refusals name the role with the
 * right article, and an assigned session's panel does not explain a Start work it hides.
 */
import { lineTopic } from '../../scripts/shared/topics';
import { panelReasons } from '../../widgets/desk/panel-reasons';
import { eventually, rows, useLiveChat } from '../live-chats/support/live-chat';

describe('details staff see', () => {
    const ctx = useLiveChat();

    it('pushes live events of a live chat to administrators, who see every live chat', async () => {
        const pushed: string[] = [];
        const tab = { send: (text: string) => pushed.push(JSON.parse(text).event) };
        const disconnect = ctx.t.host.hub.connect(ctx.ids.admin, tab);
        ctx.t.host.hub.subscribe(tab, lineTopic(ctx.chat.lineId));
        try {
            expect((await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'adm-1', user: 'u-adm', text: 'hello' })).statusCode).toBe(200);
            await ctx.t.host.idle();
            await eventually(async () => pushed.includes('live_chats.lists_changed'));
            expect(pushed).toContain('live_chats.session_created');
        } finally {
            disconnect();
        }
    });

    it('keeps a Telegram or e-mail channel created without its settings Disconnected, with what is missing', async () => {
        for (const kind of ['telegram', 'email']) {
            const res = await ctx.t.request({
                method: 'POST', url: '/api/apps/live_chats/channels/items', cookie: ctx.api.admin,
                body: { __name: `My ${kind}`, line: ctx.chat.lineId, kind, settings: {} },
            });
            expect(res.statusCode).toBe(201);
        }
        await ctx.t.host.idle();
        const channels = (await rows(ctx.t, ctx.api.admin, 'channels')).filter((c) => ['telegram', 'email'].includes((c.kind as { code: string }).code));
        expect(channels).toHaveLength(2);
        for (const c of channels) {
            expect(c.state).toMatchObject({ code: 'disconnected' });
            expect(c.last_error).toMatch(/^No (bot token|IMAP host)/);
        }
        const reconnect = await ctx.api.call('admin', 'reconnect_channel', { channelId: channels[0].__id as string });
        expect(reconnect.json()).toMatchObject({ state: 'disconnected', error: channels[0].last_error });
    });

    it('names the role with the right article in refusals', async () => {
        const internal = await ctx.api.get('employee', 'sessions', { lineId: ctx.chat.lineId, view: 'queue' });
        expect(internal.json().error.message).toBe('An internal customer of this live chat cannot view');
        await ctx.api.setStatus('operator1', 'online');
        const operator = await ctx.api.get('operator1', 'sessions', { lineId: ctx.chat.lineId, view: 'active' });
        expect(operator.json().error.message).toBe('An operator of this live chat cannot list active sessions');
        const session = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-u-adm')!;
        const reader = await ctx.api.call('reader', 'take', { sessionId: session.__id as string });
        expect(reader.json().error.message).toBe('A reader of this live chat cannot take');
        const spam = await ctx.api.call('operator1', 'unmark_spam', { sessionId: session.__id as string });
        expect(spam.json().error.message).toBe('An operator of this live chat cannot unmark spam');
    });

    it('shows no "not waiting" reason under the panel of an assigned session', async () => {
        const session = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-u-adm')!;
        await ctx.api.call('operator1', 'take', { sessionId: session.__id as string });
        const card = (await ctx.api.get('operator1', 'session_card', { sessionId: session.__id as string })).json();
        // The server still says why take is refused; the panel just draws no Start work.
        expect(card.refusals.take).toBe('The session is not waiting in the queue');
        expect(panelReasons(card)).toEqual([]);
        expect(panelReasons({ ...card, session: { ...card.session, state: 'waiting' } })).toContain('The session is not waiting in the queue');
    });
});
