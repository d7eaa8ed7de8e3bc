/**
 * Every staff action × every role × Online/Offline, checked on the server. Roles for the
 * live chat "Support": administrator, its supervisor, its operator (the session is
 * theirs), an operator of another live chat, a reader, an internal customer, anonymous.
 */
import { createLiveChat, rows, useLiveChat } from './support/live-chat';

type Role = 'admin' | 'supervisor' | 'operator_this' | 'operator_other' | 'reader' | 'internal' | 'anonymous';
type Action = 'view' | 'mark_read' | 'take' | 'reply' | 'edit_message' | 'rename' | 'set_priority' | 'reassign' | 'close' | 'mark_spam' | 'unmark_spam' | 'new_session' | 'system_note';

const login: Record<Role, string | null> = {
    admin: 'admin', supervisor: 'supervisor', operator_this: 'operator1', operator_other: 'operator2',
    reader: 'reader', internal: 'employee', anonymous: null,
};
const roles = Object.keys(login) as Role[];
const actions: Action[] = ['view', 'mark_read', 'take', 'reply', 'edit_message', 'rename', 'set_priority', 'reassign', 'close', 'mark_spam', 'unmark_spam', 'new_session', 'system_note'];

/** The answer each case must get: an HTTP status and, for refusals, the code. */
function expected(action: Action, role: Role, online: boolean): { status: number; code?: string } {
    if (role === 'anonymous') return { status: 401, code: 'UNAUTHORIZED' };
    const staff = role === 'admin' || role === 'supervisor' || role === 'operator_this';
    if (action === 'view') return role === 'reader' || staff ? { status: 200 } : { status: 403, code: 'FORBIDDEN_ROLE' };
    if (!staff || (action === 'unmark_spam' && role === 'operator_this')) return { status: 403, code: 'FORBIDDEN_ROLE' };
    if (!online && action !== 'mark_read') return { status: 403, code: 'OPERATOR_OFFLINE' };
    return { status: ['reply', 'new_session', 'system_note'].includes(action) ? 201 : 200 };
}

describe('permissions of live chat actions', () => {
    let n = 0;

    const ctx = useLiveChat({ operator_groups: ['support_team'] }, async (host) => {
        const { store } = host.host;
        await store.system.groups.upsert({ code: 'support_team', name: 'Support team', extensionId: null });
        await store.system.groups.upsert({ code: 'sales_team', name: 'Sales team', extensionId: null });
        await store.system.users.setGroups((await store.system.users.byLogin('operator1'))!.id, ['operators', 'support_team']);
        await store.system.users.setGroups((await store.system.users.byLogin('operator2'))!.id, ['operators', 'sales_team']);
    });

    beforeAll(async () => {
        await createLiveChat(ctx.t, ctx.api, null, { __name: 'Sales', operator_groups: ['sales_team'] });
    });

    /** A fresh session of "Support", prepared for the action; returns the request body. */
    async function prepare(action: Action, actor: string | null): Promise<Record<string, string>> {
        n++;
        await ctx.api.setStatus('operator1', 'online');
        if (action === 'new_session') return { channelId: ctx.chat.otherChannelId, externalUserId: `new-${n}`, text: 'Hello from us' };
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: `p-${n}`, user: `perm-${n}`, text: 'help' });
        const session = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === `chat-perm-${n}`)!;
        const sessionId = session.__id as string;
        if (action === 'take') return { sessionId };
        await ctx.api.call('operator1', 'take', { sessionId });
        if (action === 'unmark_spam') {
            await ctx.api.setStatus('supervisor', 'online');
            await ctx.api.call('supervisor', 'mark_spam', { sessionId });
        }
        if (action === 'edit_message') {
            const author = actor && ['admin', 'supervisor', 'operator1'].includes(actor) ? actor : 'operator1';
            await ctx.api.setStatus(author, 'online');
            const reply = await ctx.api.call(author, 'reply', { sessionId, text: 'draft' });
            return { messageId: reply.json().message.id, text: 'edited' };
        }
        const extra: Partial<Record<Action, Record<string, string>>> = {
            reply: { text: 'answer' }, rename: { name: 'Renamed' }, set_priority: { priority: 'high' },
            reassign: { group: 'support_team' }, system_note: { text: 'note' },
        };
        return { sessionId, ...extra[action] };
    }

    const cases = actions.flatMap((action) => roles.flatMap((role) => [true, false].map((online) => ({ action, role, online }))));

    it.each(cases)('$action by $role (online: $online)', async ({ action, role, online }) => {
        const actor = login[role];
        const body = await prepare(action, actor);
        if (actor) await ctx.api.setStatus(actor, online ? 'online' : 'offline');
        const res = action === 'view' ? await ctx.api.get(actor, 'session', body) : await ctx.api.call(actor, action, body);
        const want = expected(action, role, online);
        expect({ status: res.statusCode, code: res.statusCode >= 400 ? res.json().error.code : undefined }).toEqual(want);
    });

    it('refuses an operator of this live chat acting on a colleague\'s session with NOT_YOUR_SESSION', async () => {
        const body = await prepare('close', null);
        const { store } = ctx.t.host;
        const other = (await store.system.users.byLogin('supervisor'))!;
        await store.system.users.setGroups(other.id, ['supervisors', 'support_team']);
        const colleague = await ctx.t.login('operator2');
        const op2 = (await store.system.users.byLogin('operator2'))!;
        await store.system.users.setGroups(op2.id, ['operators', 'support_team']);
        await ctx.t.request({ method: 'POST', url: '/api/extensions/live_chats/set_status', cookie: colleague, body: { status: 'online' } });
        for (const action of ['reply', 'close', 'rename', 'reassign', 'mark_spam', 'set_priority', 'system_note']) {
            const res = await ctx.t.request({ method: 'POST', url: `/api/extensions/live_chats/${action}`, cookie: colleague, body: { ...body, text: 'x', name: 'x', group: 'support_team', priority: 'low' } });
            expect([action, res.statusCode, res.json().error?.code]).toEqual([action, 403, 'NOT_YOUR_SESSION']);
        }
        await store.system.users.setGroups(op2.id, ['operators', 'sales_team']);
        await store.system.users.setGroups(other.id, ['supervisors']);
    });

    it('refuses work on closed sessions with SESSION_CLOSED and changes nothing', async () => {
        const body = await prepare('close', null);
        await ctx.api.call('operator1', 'close', body);
        const before = await rows(ctx.t, ctx.api.admin, 'messages');
        for (const [action, extra] of [['reply', { text: 'late' }], ['rename', { name: 'x' }], ['close', {}], ['mark_spam', {}], ['set_priority', { priority: 'low' }]] as const) {
            const res = await ctx.api.call('operator1', action, { ...body, ...extra });
            expect([action, res.statusCode, res.json().error.code]).toEqual([action, 409, 'SESSION_CLOSED']);
        }
        expect(await rows(ctx.t, ctx.api.admin, 'messages')).toHaveLength(before.length);
    });
});
