/**
 * @jest-environment jsdom
 *
 * The shared thread: grouping with earlier sessions above, the system-message toggle,
 * delivery badges, paging control, time formatting, and safe rendering of hostile text.
 */
import thread from './thread.hbs';
import { deliveryBadge, formatMessageTime, mergeMessages, safeUrl, threadView, type ThreadMessage, type ThreadSession } from './thread-view';

const sessions: ThreadSession[] = [
    { id: 's2', name: 'Current talk', state: 'assigned_to_operator', createdAt: '2026-03-05T09:00:00.000Z' },
    { id: 's1', name: 'Earlier talk', state: 'closed', createdAt: '2026-01-10T09:00:00.000Z' },
];
const msg = (id: string, session: string, createdAt: string, extra: Partial<ThreadMessage> = {}): ThreadMessage =>
    ({ id, session, authorKind: 'client', text: `text ${id}`, createdAt, ...extra });
const messages: ThreadMessage[] = [
    msg('m3', 's2', '2026-03-05T09:01:00.000Z'),
    msg('m1', 's1', '2026-01-10T09:01:00.000Z', { authorName: 'Alice' }),
    msg('m4', 's2', '2026-03-05T09:02:00.000Z', { authorKind: 'operator', authorName: 'Olga', deliveryState: 'failed' }),
    msg('m5', 's2', '2026-03-05T09:03:00.000Z', { authorKind: 'system', text: 'Assigned to Olga', staffOnly: true }),
    msg('m2', 's1', '2026-01-10T09:02:00.000Z', { authorKind: 'operator', deliveryState: 'delivered' }),
];
const now = new Date('2026-03-05T12:00:00.000Z');

function render(options: Partial<Parameters<typeof threadView>[2]> = {}): HTMLElement {
    document.body.innerHTML = thread(threadView(sessions, messages, { currentSessionId: 's2', showSystem: false, hasEarlier: false, timeZone: 'UTC', now, ...options }));
    return document.body;
}

describe('shared thread view', () => {
    it('draws earlier sessions above the current one, each oldest message first', () => {
        const body = render();
        const groups = [...body.querySelectorAll('.lc-thread-session')];
        expect(groups.map((g) => g.getAttribute('data-session'))).toEqual(['s1', 's2']);
        expect(groups[1].classList.contains('is-current')).toBe(true);
        expect([...body.querySelectorAll('.lc-message')].map((m) => m.getAttribute('data-message'))).toEqual(['m1', 'm2', 'm3', 'm4']);
        expect(groups[0].querySelector('h3')!.textContent).toContain('closed');
    });

    it('labels authors by name or kind and shows delivery problems of outbound messages', () => {
        const body = render();
        expect([...body.querySelectorAll('.lc-message-author')].map((a) => a.textContent)).toEqual(['Alice', 'Operator', 'Client', 'Olga']);
        expect(body.querySelector('[data-message="m4"] .lc-delivery--failed')!.textContent).toBe('Not delivered');
        expect(body.querySelector('[data-message="m3"] .lc-delivery')).toBeNull();
    });

    it('hides system messages until toggled, and says how many are hidden', () => {
        let body = render();
        expect(body.querySelector('.lc-message--system')).toBeNull();
        expect(body.querySelector('.lc-thread-system')!.textContent).toContain('(1 hidden)');
        expect(body.querySelector<HTMLInputElement>('[data-on-change="toggleSystem"]')!.checked).toBe(false);
        body = render({ showSystem: true });
        expect(body.querySelector('.lc-message--system')!.textContent).toContain('Assigned to Olga');
        expect(body.querySelector<HTMLInputElement>('[data-on-change="toggleSystem"]')!.checked).toBe(true);
    });

    it('offers "Load earlier messages" only when the server has more, with the handler asked for', () => {
        expect(render().querySelector('.lc-thread-earlier')).toBeNull();
        const button = render({ hasEarlier: true, handlers: { loadEarlier: 'olderPage' } }).querySelector('.lc-thread-earlier')!;
        expect(button.getAttribute('data-on-click')).toBe('olderPage');
    });

    it('says so when there is nothing to show', () => {
        document.body.innerHTML = thread(threadView([], [], { showSystem: false, hasEarlier: false, emptyText: 'Nothing here' }));
        expect(document.querySelector('.lc-thread-empty')!.textContent).toBe('Nothing here');
    });

    it('shows hostile text as text: no element, script or handler is created', () => {
        const evil = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>{{constructor}}';
        const hostile = [msg('x1', 's2', '2026-03-05T09:00:00.000Z', { text: evil, authorName: '<b>Mallory</b>', attachments: [{ name: '<i>f</i>', url: 'javascript:alert(1)' }] })];
        document.body.innerHTML = thread(threadView([{ ...sessions[0], name: '<svg onload=alert(1)>' }], hostile, { currentSessionId: 's2', showSystem: true, hasEarlier: false }));
        const message = document.querySelector('[data-message="x1"]')!;
        expect(message.querySelector('.lc-message-text')!.textContent).toBe(evil);
        expect(message.querySelector('.lc-message-author')!.textContent).toBe('<b>Mallory</b>');
        expect(document.querySelectorAll('img, script, svg, b, i').length).toBe(0);
        expect(message.querySelector('a')).toBeNull();
        expect(message.querySelector('.lc-attachment')!.textContent).toBe('<i>f</i>');
        expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
    });
});

describe('thread pieces', () => {
    it('formats times as today, this year or with the year, in the given zone', () => {
        expect(formatMessageTime('2026-03-05T09:05:00.000Z', { timeZone: 'UTC', now })).toBe('09:05');
        expect(formatMessageTime('2026-03-05T09:05:00.000Z', { timeZone: 'Asia/Tokyo', now })).toBe('18:05');
        expect(formatMessageTime('2026-01-10T09:05:00.000Z', { timeZone: 'UTC', now })).toBe('10 Jan, 09:05');
        expect(formatMessageTime('2024-01-10T09:05:00.000Z', { timeZone: 'UTC', now })).toBe('10 Jan 2024, 09:05');
        expect(formatMessageTime('not a date')).toBe('');
    });

    it('merges pages and live messages once each, oldest first, newer copy winning', () => {
        const merged = mergeMessages([messages[0], messages[1]], [{ ...messages[0], deliveryState: 'delivered' }, messages[4]]);
        expect(merged.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
        expect(merged[2].deliveryState).toBe('delivered');
    });

    it('keeps a later change when an older copy of the message arrives after it', () => {
        const delivered = { ...messages[1], deliveryState: 'delivered' as const, updatedAt: '2026-03-05T09:00:02.000Z' };
        const stale = { ...messages[1], deliveryState: 'pending' as const, updatedAt: '2026-03-05T09:00:01.000Z' };
        expect(mergeMessages([delivered], [stale])[0].deliveryState).toBe('delivered');
        expect(mergeMessages([delivered], [{ ...stale, updatedAt: delivered.updatedAt }])[0].deliveryState).toBe('delivered');
        expect(mergeMessages([stale], [delivered])[0].deliveryState).toBe('delivered');
    });

    it('keeps only safe link targets and badges only what needs saying', () => {
        expect(safeUrl('https://example.com/a.pdf')).toBe('https://example.com/a.pdf');
        expect(safeUrl('/api/files/1')).toBe('/api/files/1');
        expect(safeUrl('//evil.example/x')).toBeNull();
        expect(safeUrl(' JavaScript:alert(1)')).toBeNull();
        expect(safeUrl('data:text/html,<script>')).toBeNull();
        expect(deliveryBadge('received')).toBeNull();
        expect(deliveryBadge(null)).toBeNull();
        expect(deliveryBadge('pending')).toEqual({ code: 'pending', label: 'Sending…' });
    });

    it('draws automatic replies as outbound bot messages, staff notes apart, and the viewer\'s own side on the right', () => {
        const mixed: ThreadMessage[] = [
            msg('c1', 's2', '2026-03-05T09:01:00.000Z'),
            msg('a1', 's2', '2026-03-05T09:01:01.000Z', { authorKind: 'system', text: 'You are number 2 in line', staffOnly: false, deliveryState: 'delivered' }),
            msg('n1', 's2', '2026-03-05T09:01:02.000Z', { authorKind: 'system', text: 'Queued', staffOnly: true }),
            msg('o1', 's2', '2026-03-05T09:02:00.000Z', { authorKind: 'operator', authorName: 'Olga' }),
        ];
        const staff = threadView(sessions, mixed, { currentSessionId: 's2', showSystem: false, hasEarlier: false, timeZone: 'UTC', now });
        const shown = staff.groups.flatMap((g) => g.messages);
        // The automatic reply is part of the conversation: shown even with system messages hidden.
        expect(shown.map((m) => [m.id, m.side, m.automatic, m.note])).toEqual([['c1', 'in', false, false], ['a1', 'out', true, false], ['o1', 'out', false, false]]);
        expect(shown[1].author).toBe('Automatic reply');
        expect(staff.hiddenSystemCount).toBe(1);
        document.body.innerHTML = thread(threadView(sessions, mixed, { currentSessionId: 's2', showSystem: true, hasEarlier: false, timeZone: 'UTC', now }));
        expect(document.querySelector('[data-message="n1"]')!.className).toContain('lc-message--note');
        expect(document.querySelector('[data-message="n1"] .lc-message-tag')!.textContent).toBe('staff only');
        expect(document.querySelector('[data-message="a1"]')!.className).toContain('lc-message--auto');

        const client = threadView(sessions, mixed, { currentSessionId: 's2', showSystem: true, hasEarlier: false, ownSide: 'client' });
        expect(client.groups.flatMap((g) => g.messages).map((m) => [m.id, m.side])).toEqual([['c1', 'out'], ['a1', 'in'], ['n1', 'in'], ['o1', 'in']]);
    });
});
