/**
 * Realtime by topic over a real WebSocket: a tab receives what is published to a topic only
 * while subscribed and only if its user is in the audience the publisher named; coalesced
 * events arrive at most once per window per tab, latest wins; a tab that stops reading is
 * cut off at the bound and told to refresh once it drains.
 */
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { fixtureManifest, fixturePackage } from '../support/fixture-package';
import { openTab, until, type Tab as SocketTab } from '../support/sockets';
import { startTestHost, type TestHost } from '../support/test-host';

interface Message { type: string; topic?: string; event?: string; payload?: { n?: number; text?: string } }

const manifest = fixtureManifest({ api: [{ code: 'post', script: 'post' }] });
const server = `
module.exports = { widgets: {}, scripts: {
    async post(req) {
        const { topic, group, n, coalesce } = req.body;
        await System.realtime.publishTo(topic, { groups: [group] }, 'fixture.changed', { n }, { coalesce });
        return new HttpResponse().json({ ok: true });
    },
} };`;

const COALESCE_MS = 200;

type Tab = SocketTab<Message>;
const open = (url: string, cookie: string) => openTab<Message>(url, cookie);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('realtime by topic', () => {
    let t: TestHost;
    let wsUrl: string;
    let admin: string;
    const tabs: Tab[] = [];

    async function tab(login: string, ...topics: string[]): Promise<Tab> {
        const opened = await open(wsUrl, await t.login(login));
        tabs.push(opened);
        await until(() => opened.messages.some((m) => m.type === 'hello'));
        for (const topic of topics) await follow(opened, topic);
        return opened;
    }

    async function follow(opened: Tab, topic: string, type: 'subscribe' | 'unsubscribe' = 'subscribe'): Promise<void> {
        const before = t.host.hub.subscribers(topic);
        opened.socket.send(JSON.stringify({ type, topic }));
        await until(() => t.host.hub.subscribers(topic) === before + (type === 'subscribe' ? 1 : -1));
    }

    async function post(body: { topic: string; group: string; n: number; coalesce?: boolean }): Promise<void> {
        const res = await t.request({ method: 'POST', url: '/api/extensions/fixture/post', cookie: admin, body });
        expect(res.statusCode).toBe(200);
    }

    beforeAll(async () => {
        t = await startTestHost({ hostOptions: { realtime: { coalesceMs: COALESCE_MS, maxBufferedBytes: 256 * 1024, drainCheckMs: 20 } } });
        await t.host.extensions.install(fixturePackage(manifest, server));
        const address = await t.host.listen(0, '127.0.0.1');
        wsUrl = `${address.replace('http', 'ws')}/api/ws`;
        admin = await t.login('admin');
    });
    afterEach(() => {
        for (const opened of tabs.splice(0)) opened.socket.terminate();
    });
    afterAll(() => t.close());

    it('delivers a topic only to subscribed tabs, and stops after unsubscribe', async () => {
        const watching = await tab('operator1', 'fixture.board:1');
        const elsewhere = await tab('operator1', 'fixture.board:2');
        const idle = await tab('operator2');

        await post({ topic: 'fixture.board:1', group: 'operators', n: 1 });
        await until(() => watching.events().length === 1);
        expect(watching.events()[0]).toEqual({ type: 'event', event: 'fixture.changed', payload: { n: 1 } });

        await follow(watching, 'fixture.board:1', 'unsubscribe');
        await post({ topic: 'fixture.board:1', group: 'operators', n: 2 });
        // A marker on the other topic proves the earlier publish had its chance to arrive.
        await post({ topic: 'fixture.board:2', group: 'operators', n: 3 });
        await until(() => elsewhere.events().length === 1);
        expect(elsewhere.events()[0].payload).toEqual({ n: 3 });
        expect(watching.events()).toHaveLength(1);
        expect(idle.events()).toHaveLength(0);
    });

    it('gives nothing to a subscribed tab whose user is not in the audience', async () => {
        const reader = await tab('reader', 'fixture.board:secret');
        const operator = await tab('operator1', 'fixture.board:secret');
        await post({ topic: 'fixture.board:secret', group: 'operators', n: 1 });
        await until(() => operator.events().length === 1);
        await post({ topic: 'fixture.board:secret', group: 'readers', n: 2 });
        await until(() => reader.events().length === 1);
        expect(reader.events()[0].payload).toEqual({ n: 2 });
        expect(operator.events().map((e) => e.payload)).toEqual([{ n: 1 }]);
    });

    it('sends an event published to several topics once to a tab that follows more than one', async () => {
        const both = await tab('operator1', 'fixture.list:1', 'fixture.item:7');
        const listOnly = await tab('operator2', 'fixture.list:1');
        await t.host.hub.publishTo(['fixture.list:1', 'fixture.item:7'], { groups: ['operators'] }, 'fixture.changed', { n: 7 });
        await until(() => listOnly.events().length === 1);
        await pause(50);
        expect(both.events()).toHaveLength(1);
    });

    it('refuses an overlong topic with an error message and keeps the socket open', async () => {
        const opened = await tab('operator1');
        opened.socket.send(JSON.stringify({ type: 'subscribe', topic: 'x'.repeat(201) }));
        await until(() => opened.messages.some((m) => m.type === 'error'));
        expect(opened.socket.readyState).toBe(WebSocket.OPEN);
    });

    it('coalesces a burst per tab: the first at once, then only the latest per window', async () => {
        const opened = await tab('operator1', 'fixture.counters:1');
        for (let n = 1; n <= 20; n++) await post({ topic: 'fixture.counters:1', group: 'operators', n, coalesce: true });
        await until(() => opened.events().some((e) => e.payload?.n === 20));
        await pause(COALESCE_MS * 2);
        const received = opened.events().map((e) => e.payload?.n);
        expect(received[0]).toBe(1);
        expect(received[received.length - 1]).toBe(20);
        expect(received.length).toBeLessThan(20);
        // Latest wins: what arrives is always newer than what came before.
        expect([...received].sort((a, b) => a! - b!)).toEqual(received);
    });

    it('cuts off a tab that stops reading at the bound and sends one refresh once it drains', async () => {
        const slow = await tab('operator1', 'fixture.feed:1');
        const fast = await tab('operator2', 'fixture.feed:1');
        const transport = (slow.socket as unknown as { _socket: Socket })._socket;
        transport.pause();
        const text = 'x'.repeat(64 * 1024);
        const published = 600; // about 39 MB: far more than the kernel's buffers hold on loopback
        for (let n = 1; n <= published; n++) {
            await t.host.hub.publishTo('fixture.feed:1', { groups: ['operators'] }, 'fixture.changed', { n, text });
            if (n % 20 === 0) await new Promise((r) => setImmediate(r));
        }
        // Through the bus of several instances each of these 64 KB pushes is a row: allow for it.
        await until(() => fast.events().length === published, 45_000);
        transport.resume();
        await until(() => slow.messages.some((m) => m.type === 'refresh'), 20_000);
        expect(slow.messages.filter((m) => m.type === 'refresh')).toHaveLength(1);
        expect(slow.events().length).toBeLessThan(published);

        // Once drained, the tab receives again.
        await t.host.hub.publishTo('fixture.feed:1', { groups: ['operators'] }, 'fixture.changed', { n: 0 });
        await until(() => slow.events().some((e) => e.payload?.n === 0));
    }, 90_000);
});
