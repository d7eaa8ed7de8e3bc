/**
 * A live chat's setup (SPEC §11) and custom session properties (SPEC §3.1) through the API:
 * only administrators set a live chat up, with real groups, an IANA zone and a template
 * whose preview is the name a session would get; properties are checked against their type.
 */
import { eventually, rows, useLiveChat } from './support/live-chat';

const ctx = useLiveChat();

describe('live chat setup', () => {
    it('lets administrators read and save the setup, and refuses supervisors and operators', async () => {
        const setup = await ctx.api.get('admin', 'line_setup', { lineId: ctx.chat.lineId });
        expect(setup.statusCode).toBe(200);
        const body = setup.json();
        expect(body.groups.map((g: { code: string }) => g.code)).toEqual(expect.arrayContaining(['administrators', 'operators', 'supervisors']));
        expect(body.zones).toEqual(expect.arrayContaining(['UTC', 'Europe/Berlin']));
        expect(body.channels.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([ctx.chat.otherChannelId]));
        for (const who of ['supervisor', 'operator1']) {
            expect((await ctx.api.get(who, 'line_setup', { lineId: ctx.chat.lineId })).json().error.code).toBe('FORBIDDEN_ROLE');
            const res = await ctx.api.call(who, 'save_line_setup', { lineId: ctx.chat.lineId, time_zone: 'Asia/Tokyo' });
            expect(res.statusCode).toBe(403);
            expect((await ctx.api.call(who, 'preview_session_name', { lineId: ctx.chat.lineId })).statusCode).toBe(403);
        }
        const saved = await ctx.api.call('admin', 'save_line_setup', {
            lineId: ctx.chat.lineId, time_zone: 'Europe/Berlin', reader_groups: ['readers', 'employees'], naming_template: '{{line_name}}: {{client_name}}',
        });
        expect(saved.statusCode).toBe(200);
        const line = (await rows(ctx.t, ctx.api.admin, 'lines')).find((l) => l.__id === ctx.chat.lineId)!;
        expect(line.time_zone).toBe('Europe/Berlin');
        expect(line.reader_groups).toEqual(['readers', 'employees']);
    });

    it('refuses unknown groups, zones and bad declarations, and changes nothing', async () => {
        const res = await ctx.api.call('admin', 'save_line_setup', {
            lineId: ctx.chat.lineId, operator_groups: ['operators', 'ghosts'], time_zone: 'Mars/Olympus',
            custom_properties: [{ code: 'Bad Code', name: 'x', type: 'string' }, { code: 'n', name: 'N', type: 'colour' }],
        });
        expect(res.statusCode).toBe(400);
        const error = res.json().error;
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.message).toContain('ghosts');
        expect(Object.keys(error.details)).toEqual(expect.arrayContaining(['operator_groups', 'time_zone', 'properties.0.code', 'properties.1.type']));
        const line = (await rows(ctx.t, ctx.api.admin, 'lines')).find((l) => l.__id === ctx.chat.lineId)!;
        expect(line.operator_groups).toEqual(['operators']);
        expect(line.time_zone).toBe('Europe/Berlin');
    });

    it('previews the name the naming template gives a new session', async () => {
        const preview = await ctx.api.call('admin', 'preview_session_name', { lineId: ctx.chat.lineId, naming_template: '{{client_name}} @ {{channel_name}} in {{line_name}}', clientName: 'Ann' });
        expect(preview.json().name).toMatch(/^Ann @ .+ in Support$/);
        await ctx.api.call('admin', 'save_line_setup', { lineId: ctx.chat.lineId, naming_template: '{{line_name}} | {{client_name}}' });
        const sample = (await ctx.api.call('admin', 'preview_session_name', { lineId: ctx.chat.lineId, clientName: 'u-preview' })).json().name;
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'p-1', user: 'u-preview', text: 'Hi' });
        await ctx.t.host.idle();
        const session = await eventually(async () => (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-u-preview'));
        expect(session.__name).toBe(sample);
        expect(sample).toBe('Support | u-preview');
    });
});

describe('custom session properties', () => {
    let sessionId = '';

    beforeAll(async () => {
        const res = await ctx.api.call('admin', 'save_line_setup', {
            lineId: ctx.chat.lineId,
            custom_properties: [
                { code: 'order_no', name: 'Order number', type: 'string' }, { code: 'amount', name: 'Amount', type: 'number' },
                { code: 'vip', name: 'VIP', type: 'boolean' }, { code: 'due', name: 'Due date', type: 'date' },
            ],
        });
        expect(res.statusCode).toBe(200);
        await ctx.api.setStatus('operator1', 'online');
        await ctx.api.setStatus('operator2', 'online');
        await ctx.api.setStatus('supervisor', 'online');
        await ctx.api.clientWrites(ctx.chat.otherChannelId, { id: 'c-1', user: 'u-props', text: 'Hi' });
        await ctx.t.host.idle();
        sessionId = (await eventually(async () => (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.external_chat_id === 'chat-u-props'))).__id as string;
        expect((await ctx.api.call('operator1', 'take', { sessionId })).statusCode).toBe(200);
    });

    it('saves values that fit their declared type for the operator of the session', async () => {
        const res = await ctx.api.call('operator1', 'set_custom_properties', { sessionId, properties: { order_no: 'A-17', amount: 12.5, vip: true, due: '2026-12-01' } });
        expect(res.statusCode).toBe(200);
        expect(res.json().session.customProperties).toEqual({ order_no: 'A-17', amount: 12.5, vip: true, due: '2026-12-01' });
        const cleared = await ctx.api.call('supervisor', 'set_custom_properties', { sessionId, properties: { vip: null, amount: 3 } });
        expect(cleared.json().session.customProperties).toEqual({ order_no: 'A-17', amount: 3, due: '2026-12-01' });
    });

    it('refuses values of the wrong type, undeclared codes, other operators and readers, changing nothing', async () => {
        const bad = await ctx.api.call('operator1', 'set_custom_properties', { sessionId, properties: { amount: '12', vip: 'yes', due: '2026-02-30', nope: 1, order_no: 'B-1' } });
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error.code).toBe('VALIDATION_FAILED');
        expect(bad.json().error.details).toEqual({
            'properties.amount': 'must be a number', 'properties.vip': 'must be true or false',
            'properties.due': 'must be a date as yyyy-MM-dd', 'properties.nope': 'is not a property of this live chat',
        });
        expect((await ctx.api.call('operator2', 'set_custom_properties', { sessionId, properties: { amount: 1 } })).json().error.code).toBe('NOT_YOUR_SESSION');
        expect((await ctx.api.call('reader', 'set_custom_properties', { sessionId, properties: { amount: 1 } })).json().error.code).toBe('FORBIDDEN_ROLE');
        const session = (await rows(ctx.t, ctx.api.admin, 'sessions')).find((s) => s.__id === sessionId)!;
        expect(session.custom_properties).toEqual({ order_no: 'A-17', amount: 3, due: '2026-12-01' });
    });
});
