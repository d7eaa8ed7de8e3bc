/**
 * Online/Offline: switched by the user, and automatically Offline after N minutes
 * (global setting) with no connected browser.
 */
import { startTestHost, type TestHost } from '../support/test-host';
import { apiFor, createLiveChat, rows, type Api } from './support/live-chat';

describe('operator status', () => {
    let t: TestHost;
    let api: Api;
    let ids: Record<string, string>;

    const runPresenceCheck = () => t.host.runner.run({ extension: t.host.extensions.get('live-chats')!, script: 'checkOperatorPresence', userId: null, data: {} });
    const lastSeen = async (login: string, minutesAgo: number) => {
        const row = (await rows(t, api.admin, 'operator_states')).find((r) => r.user === ids[login])!;
        // Operator states are the extension's own (scriptOnly): the clock is turned back underneath it.
        await t.host.items.update('live_chats.operator_states', row.__id as string, { last_seen_at: Date.now() - minutesAgo * 60_000 }, null);
    };
    const status = async (login: string) => (await api.get(login, 'my_status', {})).json().status;

    beforeAll(async () => {
        t = await startTestHost();
        api = await apiFor(t);
        ids = {};
        for (const login of ['operator1', 'operator2', 'supervisor']) ids[login] = (await t.host.store.system.users.byLogin(login))!.id;
    });
    afterAll(() => t.close());

    it('starts Offline and follows the user\'s switch; other values are refused', async () => {
        expect(await status('operator1')).toBe('offline');
        await api.setStatus('operator1', 'online');
        expect(await status('operator1')).toBe('online');
        const bad = await api.call('operator1', 'set_status', { status: 'away' });
        expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(await status('operator1')).toBe('online');
    });

    it('shows staff the live chat\'s operators with status and load, Online first', async () => {
        const lineId = (await createLiveChat(t, api, null)).lineId;
        await api.setStatus('operator1', 'offline');
        await api.setStatus('operator2', 'online');
        const res = await api.get('supervisor', 'line_operators', { lineId });
        expect(res.json().operators).toEqual([
            { id: ids.operator2, name: 'Oscar Operator', status: 'online', activeSessions: 0, groups: ['operators'] },
            { id: ids.operator1, name: 'Olga Operator', status: 'offline', activeSessions: 0, groups: ['operators'] },
        ]);
        expect((await api.get('reader', 'line_operators', { lineId })).json().error.code).toBe('FORBIDDEN_ROLE');
        expect((await api.get('employee', 'line_operators', { lineId })).json().error.code).toBe('FORBIDDEN_ROLE');
    });

    it('turns Offline whoever had no browser open for the configured minutes, and no one else', async () => {
        for (const login of ['operator1', 'operator2', 'supervisor']) await api.setStatus(login, 'online');
        await lastSeen('operator1', 3);
        await lastSeen('operator2', 1);
        await lastSeen('supervisor', 3);
        const tab = t.host.hub.connect(ids.supervisor, { send: () => undefined });
        expect(await runPresenceCheck()).toBe(1);
        expect([await status('operator1'), await status('operator2'), await status('supervisor')]).toEqual(['offline', 'online', 'online']);
        tab();

        await api.call('admin', 'save_settings', { auto_offline_minutes: 10 });
        await lastSeen('operator2', 5);
        expect(await runPresenceCheck()).toBe(0);
        expect(await status('operator2')).toBe('online');
        await lastSeen('operator2', 11);
        expect(await runPresenceCheck()).toBe(1);
        expect(await status('operator2')).toBe('offline');
    });
});
