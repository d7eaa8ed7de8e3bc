/**
 * Settings whose effect no other test shows (SPEC §11): the supervisors' unassigned
 * counter, the session naming template, and the delays between delivery retries.
 */
import { eventually, rows, useLiveChat } from './support/live-chat';

const ctx = useLiveChat();

async function sessionOf(user: string): Promise<Record<string, unknown>> {
    return eventually(async () => (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === `chat-${user}`));
}

describe('settings take effect', () => {
    it('shows supervisors the unassigned count only while show_unassigned_count_to_supervisors is on', async () => {
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'e-1', user: 'u-count', text: 'Hi' });
        await ctx.t.host.idle();
        const counts = async () => (await ctx.api.get('supervisor', 'desk', { lineId: ctx.chat.lineId })).json().counts;
        expect((await counts()).unassigned).toBeGreaterThan(0);
        await ctx.api.call('admin', 'save_settings', { show_unassigned_count_to_supervisors: false });
        expect((await counts()).unassigned).toBeNull();
        await ctx.api.call('admin', 'save_settings', { show_unassigned_count_to_supervisors: true });
        expect((await counts()).unassigned).toBeGreaterThan(0);
    });

    it('names new sessions by the live chat\'s naming_template', async () => {
        const res = await ctx.t.request({
            method: 'PATCH', url: `/api/apps/live_chats/lines/items/${ctx.chat.lineId}`, cookie: ctx.api.admin,
            body: { naming_template: '{{line_name}} / {{client_name}}' },
        });
        expect(res.statusCode).toBe(200);
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'e-2', user: 'u-named', text: 'Hi' });
        await ctx.t.host.idle();
        expect((await sessionOf('u-named')).__name).toBe('Support / u-named');
    });

    it('waits delivery_retry_base_ms before the first retry, and never longer than delivery_retry_max_ms', async () => {
        await ctx.api.setStatus('operator1', 'online');
        const retryAt = async (user: string, id: string) => {
            await ctx.api.clientWrites(ctx.chat.otherChannelId, { id, user, text: 'Hi' });
            await ctx.t.host.idle();
            const sessionId = (await sessionOf(user)).__id as string;
            expect((await ctx.api.call('operator1', 'take', { sessionId })).statusCode).toBe(200);
            ctx.messenger.down = true;
            const sent = Date.now();
            await ctx.api.call('operator1', 'reply', { sessionId, text: 'Are you there?' });
            await eventually(async () => (await rows(ctx.t, ctx.api.admin, 'messages')).find((m) => m.session === sessionId && m.delivery_attempts === 1));
            const timer = await ctx.t.host.store.system.timers.get(`live-chats:deliver:${sessionId}`);
            ctx.messenger.down = false;
            return timer!.runAt - sent;
        };
        await ctx.api.call('admin', 'save_settings', { delivery_retry_base_ms: 30_000, delivery_retry_max_ms: 600_000 });
        const first = await retryAt('u-retry-1', 'e-3');
        expect(first).toBeGreaterThanOrEqual(29_000);
        expect(first).toBeLessThan(40_000);
        await ctx.api.call('admin', 'save_settings', { delivery_retry_base_ms: 100_000, delivery_retry_max_ms: 5_000 });
        const capped = await retryAt('u-retry-2', 'e-4');
        expect(capped).toBeGreaterThanOrEqual(4_000);
        expect(capped).toBeLessThan(15_000);
        await ctx.api.call('admin', 'save_settings', { delivery_retry_base_ms: 50, delivery_retry_max_ms: 200 });
    });
});
