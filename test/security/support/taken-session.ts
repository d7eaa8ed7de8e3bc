/**
 * A session in a live chat that operator1 has taken, so tests can reply in it at once.
 */
import { eventually, rows, type LiveChatTest } from '../../live-chats/support/live-chat';

/** A client writes from `chat`; operator1 (set Online) takes the session. Answers its id. */
export async function takenSession(ctx: LiveChatTest, chat: string): Promise<string> {
    await ctx.api.setStatus('operator1', 'online');
    const wrote = await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `first-${chat}`, user: `user-${chat}`, text: 'hello', chat });
    if (wrote.statusCode !== 200) throw new Error(`client message: ${wrote.body}`);
    const session = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === chat)!;
    const taken = await ctx.api.call('operator1', 'take', { sessionId: session.__id });
    if (taken.statusCode !== 200) throw new Error(`take: ${taken.body}`);
    await quietTimers(ctx);
    return String(session.__id);
}

/** Waits until no timer is due, so what a test does next is not mixed with earlier runs. */
export async function quietTimers(ctx: LiveChatTest): Promise<void> {
    await eventually(async () => (await ctx.t.host.store.system.timers.due(Date.now())).length === 0);
    await new Promise((r) => setTimeout(r, 50));
}

/** Operator1 replies in the session; answers the stored message's id. */
export async function reply(ctx: LiveChatTest, sessionId: string, text: string, files?: object[]): Promise<string> {
    const res = await ctx.api.call('operator1', 'reply', { sessionId, text, ...(files ? { files } : {}) });
    if (res.statusCode !== 201) throw new Error(`reply: ${res.body}`);
    return String(res.json().message.id);
}
