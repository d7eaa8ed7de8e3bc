/**
 * The hot queries stay index seeks as the tables grow: with thousands of sessions, clients,
 * messages and rollups in the store, the inbound path (new and returning clients), the desk
 * (state, card, thread, take, reply, mark read, close), the `session` method, the report, a channel's Reconnect and the blocklist
 * (its rebuild pages along the primary key; Lock / Unlock account) and a template's `/code`
 * never scan a large table. Query plans are asserted, not timings.
 */
import type { AppTable } from '../../host/store/store';
import type { QueryPlan, SqliteStore } from '../../host/store/sqlite/sqlite-store';
import { useLiveChat } from './support/live-chat';

const SEEDED = 3000;
const large = ['sessions', 'messages', 'clients', 'report_rollups', 'blocklist', 'templates'];

describe('query plans of the hot paths', () => {
    const ctx = useLiveChat();
    const plans: QueryPlan[] = [];
    const table = (code: string): AppTable => ctx.t.host.items.app(`live_chats.${code}`).table;
    const base = (id: string, at: number) => ({ __id: id, __name: id, __createdAt: at, __createdBy: null, __updatedAt: at, __updatedBy: null, __deletedAt: null, __status: null });

    beforeAll(async () => {
        const store = ctx.t.host.store;
        const { lineId, otherChannelId: channel } = ctx.chat;
        await store.transaction(async () => {
            for (let i = 0; i < SEEDED; i++) {
                const at = Date.now() - (SEEDED - i) * 60_000;
                await store.insert(table('clients'), { ...base(`seed-client-${i}`, at), channel, external_user_id: `seed-user-${i}` });
                await store.insert(table('sessions'), { ...base(`seed-session-${i}`, at), line: lineId, channel, clients: [`seed-client-${i}`], state: 'closed', closed_at: at });
                for (let m = 1; m <= 4; m++) {
                    await store.insert(table('messages'), {
                        ...base(`seed-message-${i}-${m}`, at + m), session: `seed-session-${i}`, channel, client: `seed-client-${i}`, author_kind: 'client',
                        text: `Seeded ${m}`, staff_only: false, thread: `${channel}:seed-client-${i}`, seq: m,
                    });
                }
                const day = new Date(Date.now() - Math.floor(i / 30) * 86_400_000).toISOString().slice(0, 10);
                await store.insert(table('report_rollups'), { ...base(`seed-rollup-${i}`, at), line: lineId, operator: `seed-operator-${i % 30}`, channel, operator_group: `seed-group-${i % 3}`, day, requests: 1 });
                await store.insert(table('blocklist'), {
                    ...base(`seed-entry-${i}`, at), list_type: 'blocklist', rule_type: 'external_id', rule_operator: i % 2 ? 'equals' : 'starts_with',
                    rule_value: `seed-blocked-${i}`, until: i % 3 ? null : Date.now() + 86_400_000, all_lines: true, lines: [],
                });
                await store.insert(table('templates'), { ...base(`seed-template-${i}`, at), text: `Seeded {{client_name}} ${i}`, short_code: `seed-${i}` });
            }
        });
        (store as SqliteStore).optimize(true);
        (store as SqliteStore).onQueryPlan((plan) => plans.push(plan));
    });

    it('seeks an index for every query of a large table', async () => {
        const { api, chat } = ctx;
        const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
            const answer = await res;
            if (answer.statusCode >= 300) throw new Error(`answered ${answer.statusCode}: ${answer.body}`);
            return JSON.parse(answer.body);
        };
        await api.setStatus('operator1', 'online');
        await ok(api.clientWrites(chat.otherChannelId, { id: 'plan-new', user: 'plan-newcomer', text: 'first message' }));
        await ok(api.clientWrites(chat.otherChannelId, { id: 'plan-back', user: 'seed-user-7', text: 'I am back' }));
        const taken = await ok(api.call('operator1', 'take', { lineId: chat.lineId }));
        const sessionId = taken.session.id as string;
        await ok(api.call('operator1', 'reply', { sessionId, text: 'Hello' }));
        await ok(api.get('operator1', 'desk', { lineId: chat.lineId }));
        await ok(api.get('operator1', 'session_card', { sessionId }));
        await ok(api.get('operator1', 'thread', { sessionId: 'seed-session-7' }));
        await ok(api.get('operator1', 'session', { sessionId }));
        await ok(api.call('operator1', 'lock_client', { sessionId }));
        await ok(api.call('operator1', 'unlock_client', { sessionId }));
        await ok(api.call('operator1', 'mark_read', { sessionId }));
        const byCode = await ok(api.get('operator1', 'templates_search', { sessionId, q: '/seed-12' }));
        await ok(api.call('operator1', 'template_render', { sessionId, templateId: byCode.items[0].id }));
        await ok(api.call('admin', 'performance_report', { kind: 'operators', from: '2018-01-01', to: '2027-12-31', breakdown: 'month' }));
        await ok(api.call('admin', 'performance_report', { kind: 'groups', from: '2018-01-01', to: '2027-12-31', breakdown: 'week', groups: ['seed-group-1'] }));
        await ok(api.call('admin', 'rebuild_report_rollups', { days: 3 }));
        await ok(api.call('admin', 'reconnect_channel', { channelId: chat.otherChannelId }));
        // Closing counts the session into the reports, reading its messages along its thread.
        await ok(api.call('operator1', 'close', { sessionId }));
        await ctx.t.host.idle();
        const seen = (app: string, text: string) => plans.some((p) => p.app === `live_chats.${app}` && p.sql.includes(text));
        // The named hot queries were all run: a returning client's sessions, a thread page, the report's sums by group.
        expect([seen('sessions', '__members'), seen('messages', 'ORDER BY "seq" DESC'), seen('report_rollups', '"operator_group" IN'), seen('blocklist', '"__id" >'), seen('templates', '"short_code" >=')]).toEqual([true, true, true, true, true]);
        const scans = plans
            .filter((p) => large.some((code) => p.app === `live_chats.${code}`))
            .flatMap((p) => p.steps.filter((s) => /^SCAN app_live_chats__\w+$|^SCAN app_live_chats__\w+ USING (COVERING )?INDEX/.test(s) && !/__members/.test(s)).map((s) => `${s}  ←  ${p.sql}`));
        // Reconnect reads the channel's undelivered replies from the index of delivery states, not along all of the channel's messages.
        const undelivered = plans.find((p) => p.app === 'live_chats.messages' && p.sql.includes('"delivery_state" IN') && p.sql.includes('"channel" ='));
        expect(undelivered?.steps.join('; ')).toContain('USING INDEX ix_app_live_chats__messages_delivery_state_session__sparse');
        expect(plans.length).toBeGreaterThan(20);
        expect(scans).toEqual([]);
    });
});
