/**
 * The demo company's live chat "Support", seeded by the demo file's setup script, with
 * both channels and sample rules; its messenger channel points at DEMO_MESSENGER_URL.
 */
import { runDemoSetup } from '../../host/demo-setup';
import { demoCompany, startTestHost, type TestHost } from '../support/test-host';
import { startFakeMessenger, type FakeMessenger } from './support/fake-messenger';
import { apiFor, rows, type Api } from './support/live-chat';

describe('demo live chat', () => {
    let t: TestHost;
    let messenger: FakeMessenger;
    let api: Api;

    beforeAll(async () => {
        messenger = await startFakeMessenger();
        t = await startTestHost({ demoSetupEnv: { DEMO_MESSENGER_URL: messenger.url, DEMO_MESSENGER_TOKEN: 'demo' } });
        api = await apiFor(t);
    });
    afterAll(async () => {
        await t.close();
        await messenger.close();
    });

    it('creates Support with the demo groups, both channels and sample rules, connected to the demo messenger', async () => {
        const lines = await rows(t, api.admin, 'lines');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatchObject({
            __name: 'Support', operator_groups: ['operators'], supervisor_groups: ['supervisors'],
            internal_customer_groups: ['employees'], reader_groups: ['readers'],
        });
        expect((lines[0].routing_rules as unknown[]).length).toBeGreaterThan(0);
        const channels = await rows(t, api.admin, 'channels');
        const code = (v: unknown) => (v as { code: string }).code;
        expect(channels.map((c) => [code(c.kind), code(c.state)]).sort()).toEqual([['internal', 'active'], ['other', 'active']]);
        const other = channels.find((c) => code(c.kind) === 'other')!;
        await messenger.waitFor((r) => r.type === 'connect' && r.channelId === other.__id && r.token === 'demo');
    });

    it('is idempotent: running the setup again creates nothing new', async () => {
        await runDemoSetup(t.host, demoCompany.setup ?? [], { DEMO_MESSENGER_URL: messenger.url });
        expect(await rows(t, api.admin, 'lines')).toHaveLength(1);
        expect(await rows(t, api.admin, 'channels')).toHaveLength(2);
    });

    it("shows the demo contact's closed conversation in Operators' Performance", async () => {
        await t.host.idle();
        const today = new Date().toISOString().slice(0, 10);
        const res = await api.call('supervisor', 'performance_report', { from: today, to: today });
        expect(res.json().rows).toContainEqual(expect.objectContaining({ period: 'all', name: 'Olga Operator', requests: 1 }));
    });

    it('lets an employee reach the demo operators through the internal channel', async () => {
        const [line] = await rows(t, api.admin, 'lines');
        await api.setStatus('operator1', 'online');
        const res = await api.call('employee', 'internal_write', { lineId: line.__id as string, text: 'Hello support' });
        expect(res.statusCode).toBe(201);
        await t.host.idle();
        const internal = (await rows(t, api.admin, 'channels')).find((c) => (c.kind as { code: string }).code === 'internal')!;
        const session = (await rows(t, api.admin, 'sessions')).find((s) => s.channel === internal.__id);
        expect(session).toMatchObject({ state: { code: 'assigned_to_operator' }, routing_rule: 'Welcome new clients' });
    });
});
