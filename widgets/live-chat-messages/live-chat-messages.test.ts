/**
 * @jest-environment jsdom
 *
 * The widget in jsdom with a fake server: its states (loading, error, no access, unsaved,
 * empty, reader, operator, archive), live updates, paging, and hostile message text.
 */
import type { TJSON } from '@brix/sdk';
import { mountWidget } from '../../test/support/widget-harness';
import * as widget from './live-chat-messages.client';
import template from './live-chat-messages.hbs';

const HOSTILE = '<img src=x onerror="window.pwned=1">Hi</p><script>window.pwned=2</script>';
const form = { app: 'live_chats.contacts', itemId: 'contact-1' };
const at = (minute: number) => new Date(Date.UTC(2026, 2, 5, 9, minute)).toISOString();

const sessions = [
    { id: 's-now', name: 'Alice · broken mug', state: 'assigned_to_operator', stateName: 'Assigned to operator', closed: false, channelName: 'Support messenger', operatorName: 'Olga', createdAt: at(10), lastActivityAt: at(12) },
    { id: 's-old', name: 'Alice · order #1001', state: 'closed', stateName: 'Closed', closed: true, channelName: 'Support messenger', operatorName: null, createdAt: at(1), lastActivityAt: at(3) },
];
const message = (id: string, session: string, minute: number, extra: object = {}) =>
    ({ id, session, authorKind: 'client', authorName: 'Alice', text: `text ${id}`, createdAt: at(minute), seq: minute, ...extra });

function loadAnswer(extra: object = {}) {
    return {
        access: 'granted', sessions, clients: ['client-1'], selected: 's-now', role: 'reader',
        thread: {
            sessions: [{ id: 's-old', name: sessions[1].name, state: 'closed', createdAt: at(1) }, { id: 's-now', name: sessions[0].name, state: 'assigned_to_operator', createdAt: at(10) }],
            messages: [message('m1', 's-old', 2), message('m2', 's-now', 11, { text: HOSTILE, authorName: '<b>Mallory</b>' }), message('m3', 's-now', 12, { authorKind: 'system', staffOnly: true, text: 'Assigned to Olga' })],
            hasEarlier: false,
        },
        replyRefusal: 'FORBIDDEN_ROLE', newSession: [], ...extra,
    };
}

const answering = (answer: object) => (data: Record<string, TJSON | undefined>) => { data.answer = answer as TJSON; };
const text = (root: HTMLElement, selector: string) => [...root.querySelectorAll(selector)].map((e) => e.textContent!.trim());

describe('Live Chat Messages widget in jsdom', () => {
    it('shows "loading" until the server answers', async () => {
        let release!: () => void;
        const pending = new Promise<void>((resolve) => { release = resolve; });
        const mounting = mountWidget(widget, template, { form, rpc: { load: async (d) => { await pending; d.answer = loadAnswer() as TJSON; } } });
        await new Promise((r) => setTimeout(r, 0));
        expect(document.querySelector('[role="status"]')!.textContent).toBe('Loading conversations…');
        release();
        const w = await mounting;
        expect(w.root.querySelector('.lcm-loading')).toBeNull();
    });

    it('shows an error with "Try again", which loads again', async () => {
        let fail = true;
        const w = await mountWidget(widget, template, { form, rpc: { load: (d) => { if (fail) throw new Error('The host is unreachable'); d.answer = loadAnswer() as TJSON; } } });
        expect(w.root.querySelector('[role="alert"]')!.textContent).toContain('The host is unreachable');
        fail = false;
        await w.fire('[data-on-click="retry"]', 'click');
        expect(w.root.querySelector('[role="alert"]')).toBeNull();
        expect(text(w.root, '.lcm-session-name')).toEqual(['Alice · broken mug']);
    });

    it('shows "no access" and nothing else to users without a role', async () => {
        const w = await mountWidget(widget, template, { form, rpc: { load: answering({ access: 'none' }) } });
        expect(w.root.textContent).toContain('You have no access to live chat conversations.');
        expect(w.root.querySelector('.lcm-list, .lc-thread, form')).toBeNull();
    });

    it('asks to save a new item first, without calling the server', async () => {
        const w = await mountWidget(widget, template, { form: { app: form.app, itemId: null }, rpc: { load: answering(loadAnswer()) } });
        expect(w.root.textContent).toContain('Save the item to see its live chat conversations.');
        expect(w.calls).toEqual([]);
    });

    it('says so when the item has no conversations', async () => {
        const w = await mountWidget(widget, template, { form, rpc: { load: answering(loadAnswer({ sessions: [], selected: null, thread: null, role: null })) } });
        expect(w.root.textContent).toContain('No live chat conversations for this item yet.');
        expect(text(w.root, '.lcm-tabs button')).toEqual(['Active (0)', 'Archive (0)']);
        expect(w.data.item_app).toBe('live_chats.contacts');
        expect(w.data.item_id).toBe('contact-1');
    });

    it('gives a reader the thread, earlier session above, escaped, read only, with no composer', async () => {
        const w = await mountWidget(widget, template, { form, rpc: { load: answering(loadAnswer()) } });
        expect(text(w.root, '.lcm-tabs button')).toEqual(['Active (1)', 'Archive (1)']);
        expect([...w.root.querySelectorAll('.lc-thread-session')].map((s) => s.getAttribute('data-session'))).toEqual(['s-old', 's-now']);
        expect(w.root.querySelector('[data-message="m2"] .lc-message-text')!.textContent).toBe(HOSTILE);
        expect(w.root.querySelector('[data-message="m2"] .lc-message-author')!.textContent).toBe('<b>Mallory</b>');
        expect(w.root.querySelectorAll('img, script, b').length).toBe(0);
        expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
        expect(w.root.querySelector('textarea, [data-on-submit]')).toBeNull();
        expect(w.root.querySelector('.lcm-reply-note')!.textContent).toBe('You can read this conversation but not reply.');
        expect(w.root.querySelector('.lcm-title')!.textContent).toContain('read only');
        expect(w.root.querySelector('[data-message="m3"]')).toBeNull();
    });

    it('asks the server for system notes when a reader turns them on', async () => {
        const w = await mountWidget(widget, template, { form, rpc: { load: answering(loadAnswer()) } });
        await w.fire('[data-on-change="toggleSystem"]', 'change', (e) => { (e as HTMLInputElement).checked = true; });
        expect(w.calls.map((c) => c.method)).toEqual(['load', 'load']);
        expect(w.calls[1].request).toMatchObject({ selected: 's-now', showSystem: true });
        expect(w.root.querySelector('[data-message="m3"]')!.textContent).toContain('Assigned to Olga');
    });

    it('lets an operator reply in their session, then shows the thread again', async () => {
        const replies: TJSON[] = [];
        const w = await mountWidget(widget, template, {
            form,
            rpc: { load: answering(loadAnswer({ role: 'operator', replyRefusal: null })), reply: (d) => { replies.push(d.request!); d.answer = { message: 'm9' }; } },
        });
        expect(w.root.querySelector('.lcm-reply-note')).toBeNull();
        await w.fire('form[data-on-submit="sendReply"]', 'submit', (f) => { f.querySelector('textarea')!.value = 'We are on it'; });
        expect(replies).toEqual([{ session: 's-now', text: 'We are on it', files: [] }]);
        expect(w.notices).toEqual([{ text: 'Reply sent', kind: 'success' }]);
        expect(w.calls.map((c) => c.method)).toEqual(['load', 'reply', 'load']);
    });

    it("offers the session's templates in the reply, by /code, and none to a reader", async () => {
        const w = await mountWidget(widget, template, { form, rpc: { load: answering(loadAnswer({ role: 'operator', replyRefusal: null })) } });
        const asked: { method: string; params: unknown }[] = [];
        Object.assign((globalThis as unknown as { Server: object }).Server, {
            call: async (method: string, params: Record<string, unknown>) => {
                asked.push({ method, params });
                if (method === 'templates_search') return { items: [{ kind: 'template', id: 't1', name: 'Greeting', description: '', folder: '', shortCode: 'greet', link: null }] };
                return { text: 'Hello Alice', warnings: [], prompts: [] };
            },
        });
        const box = w.root.querySelector<HTMLTextAreaElement>('form[data-on-submit="sendReply"] textarea')!;
        box.value = '/gre';
        box.setSelectionRange(4, 4);
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 0));
        expect(text(w.root, '[role="listbox"] [role="option"]')).toEqual([expect.stringContaining('Greeting')]);
        box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
        await new Promise((r) => setTimeout(r, 0));
        expect(box.value).toBe('Hello Alice');
        expect(asked).toEqual([
            { method: 'templates_search', params: { sessionId: 's-now', q: '/gre' } },
            { method: 'template_render', params: { sessionId: 's-now', templateId: 't1', answers: {} } },
        ]);
        const reader = await mountWidget(widget, template, { form, rpc: { load: answering(loadAnswer()) } });
        expect(reader.root.querySelector('.lc-responses')).toBeNull();
    });

    it('tells an operator why they cannot reply, and keeps +New session behind Online', async () => {
        const w = await mountWidget(widget, template, {
            form, rpc: { load: answering(loadAnswer({ role: 'operator', replyRefusal: 'OPERATOR_OFFLINE', newSession: [{ client: 'client-1', name: 'Alice', channelName: 'Support messenger', refusal: 'OPERATOR_OFFLINE' }] })) },
        });
        expect(w.root.querySelector('.lcm-reply-note')!.textContent).toBe('Switch to Online to reply.');
        expect(w.root.querySelector('.lcm-new')).toBeNull();
        expect(w.root.textContent).toContain('Switch to Online to start a session.');
    });

    it('starts +New session with the client and selects it', async () => {
        const w = await mountWidget(widget, template, {
            form,
            rpc: {
                load: answering(loadAnswer({ role: 'supervisor', replyRefusal: null, newSession: [{ client: 'client-1', name: 'Alice', channelName: 'Support messenger', refusal: null }] })),
                startSession: answering({ session: 's-now' }),
            },
        });
        await w.fire('.lcm-new', 'click');
        await w.fire('form[data-on-submit="startSession"]', 'submit', (f) => { f.querySelector('textarea')!.value = 'Hello Alice'; });
        expect(w.calls.map((c) => [c.method, c.request])).toEqual([
            ['load', { selected: null, showSystem: false }],
            ['startSession', { client: 'client-1', text: 'Hello Alice' }],
            ['load', { selected: 's-now', showSystem: false }],
        ]);
    });

    it('lists closed sessions in the Archive and opens one read-only', async () => {
        const w = await mountWidget(widget, template, { form, rpc: { load: (d) => { d.answer = loadAnswer(d.request && (d.request as { selected?: string }).selected === 's-old' ? { selected: 's-old', replyRefusal: 'SESSION_CLOSED', role: 'operator' } : {}) as TJSON; } } });
        await w.fire('[data-on-click="showArchive"]', 'click');
        expect(text(w.root, '.lcm-session-name')).toEqual(['Alice · order #1001']);
        await w.fire('[data-session="s-old"]', 'click');
        expect(w.root.querySelector('.lcm-title')!.textContent).toContain('Alice · order #1001');
        expect(w.root.querySelector('[data-on-click="showArchive"]')!.getAttribute('aria-pressed')).toBe('true');
        expect(w.root.querySelector('.lcm-reply-note')!.textContent).toBe('This session is closed.');
    });

    it('shows new messages live when the server says the thread changed, ignoring other sessions', async () => {
        let answer = loadAnswer();
        const w = await mountWidget(widget, template, { form, rpc: { load: (d) => { d.answer = answer as TJSON; } } });
        answer = loadAnswer();
        answer.thread.messages.push(message('m4', 's-now', 13, { text: 'Any news?' }));
        w.emit('live_chats.thread_changed', { line: 'l1', session: 'someone-else' });
        await new Promise((r) => setTimeout(r, 250));
        expect(w.calls).toHaveLength(1);
        w.emit('live_chats.thread_changed', { line: 'l1', session: 's-now' });
        w.emit('live_chats.message_created', { line: 'l1', session: 's-now' });
        await new Promise((r) => setTimeout(r, 250));
        expect(w.calls).toHaveLength(2);
        expect(text(w.root, '.lc-message-text').at(-1)).toBe('Any news?');
    });

    it('loads earlier messages above what is shown, from the oldest one shown', async () => {
        const w = await mountWidget(widget, template, {
            form,
            rpc: {
                load: answering(loadAnswer({ thread: { ...loadAnswer().thread, hasEarlier: true } })),
                loadEarlier: answering({ sessions: [], messages: [message('m0', 's-old', 1, { text: 'The very first' })], hasEarlier: false }),
            },
        });
        await w.fire('.lc-thread-earlier', 'click');
        expect(w.calls[1]).toEqual({ method: 'loadEarlier', request: { session: 's-now', cursor: { beforeSeq: 2 }, showSystem: false } });
        expect(text(w.root, '.lc-message-text')[0]).toBe('The very first');
        expect(w.root.querySelector('.lc-thread-earlier')).toBeNull();
    });
});
