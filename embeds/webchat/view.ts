/**
 * The bubble and the chat panel, drawn in a shadow root so that the site's styles cannot
 * break them and ours cannot leak into the site. Every text of the conversation is set as
 * text, never as markup.
 */
import css from './webchat.css';
import type { ChatMessage, Hello } from './protocol';

export interface ViewEvents {
    send(text: string): void;
    attach(file: File): void;
    sendOffline(name: string, email: string, text: string): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    Object.assign(node, props);
    for (const child of children) node.append(child);
    return node;
}

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export class ChatView {
    readonly host = el('div');
    private readonly root = this.host.attachShadow({ mode: 'open' });
    private readonly bubble = el('button', { className: 'bubble', type: 'button', title: 'Chat with us', ariaLabel: 'Open the chat', textContent: '💬' });
    private readonly panel = el('section', { className: 'panel', hidden: true, ariaLabel: 'Chat' });
    private readonly title = el('h2');
    private readonly status = el('div', { className: 'status', role: 'status' });
    private readonly list = el('ol', { className: 'messages', ariaLive: 'polite' });
    private readonly footer = el('div');
    private readonly shown = new Map<string, HTMLLIElement>();
    private greeting: HTMLLIElement | undefined;
    private canAttach = false;

    constructor(private readonly on: ViewEvents) {
        const close = el('button', { type: 'button', ariaLabel: 'Close the chat', textContent: '×' });
        this.root.append(el('style', { textContent: css }), this.bubble, this.panel);
        this.panel.append(el('header', {}, [this.title, close]), this.status, this.list, this.footer);
        this.bubble.addEventListener('click', () => this.toggle());
        close.addEventListener('click', () => this.toggle(false));
        this.panel.addEventListener('keydown', (e) => {
            if (e.key === 'Escape') this.toggle(false);
        });
    }

    toggle(open = this.panel.hidden): void {
        this.panel.hidden = !open;
        this.bubble.ariaExpanded = String(open);
        if (open) this.footer.querySelector<HTMLElement>('textarea, input')?.focus();
        else this.bubble.focus();
    }

    setStatus(text: string): void {
        this.status.textContent = text;
    }

    /** Draws the chat as the server describes it: colours, greeting, history, and the form that fits. */
    start(hello: Hello, canAttach: boolean): void {
        this.canAttach = canAttach;
        this.host.style.setProperty('--accent', hello.colour);
        this.bubble.className = `bubble ${hello.position}`;
        this.panel.className = `panel ${hello.position}`;
        this.title.textContent = hello.title;
        if (!this.greeting) {
            this.greeting = el('li', { className: 'message greeting' }, [hello.greeting]);
            this.list.prepend(this.greeting);
        }
        for (const m of hello.history) this.show(m);
        this.footer.replaceChildren(hello.online || hello.history.length ? this.composer() : this.offlineForm(hello));
    }

    private composer(): HTMLFormElement {
        const text = el('textarea', { rows: 2, placeholder: 'Write a message…', ariaLabel: 'Your message', maxLength: 4000 });
        const form = el('form', {}, [text]);
        if (this.canAttach) {
            const picker = el('input', { type: 'file', className: 'sr', ariaLabel: 'Attach a file', tabIndex: -1 });
            const attach = el('button', { type: 'button', title: 'Attach a file', ariaLabel: 'Attach a file', textContent: '📎' });
            attach.addEventListener('click', () => picker.click());
            picker.addEventListener('change', () => {
                for (const file of picker.files ?? []) this.on.attach(file);
                picker.value = '';
            });
            form.append(picker, attach);
        }
        form.append(el('button', { type: 'submit', textContent: 'Send' }));
        const submit = () => {
            if (!text.value.trim()) return;
            this.on.send(text.value);
            text.value = '';
        };
        form.addEventListener('submit', (e) => {
            e.preventDefault();
            submit();
        });
        text.addEventListener('keydown', (e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                submit();
            }
        });
        return form;
    }

    private offlineForm(hello: Hello): HTMLFormElement {
        const name = el('input', { placeholder: 'Your name', ariaLabel: 'Your name', maxLength: 120 });
        const email = el('input', { type: 'email', required: true, placeholder: 'Your e-mail', ariaLabel: 'Your e-mail' });
        const text = el('textarea', { rows: 3, required: true, placeholder: 'Your message', ariaLabel: 'Your message', maxLength: 4000 });
        const form = el('form', { className: 'offline' }, [
            el('p', { textContent: hello.identified ? 'Nobody is online right now: leave a message.' : 'Nobody is online right now: leave a message and we will answer by e-mail.' }),
            name, email, text, el('button', { type: 'submit', textContent: 'Send' }),
        ]);
        form.addEventListener('submit', (e) => {
            e.preventDefault();
            if (!email.value.trim() || !text.value.trim()) return;
            this.on.sendOffline(name.value, email.value, text.value);
            this.footer.replaceChildren(this.composer());
        });
        return form;
    }

    /** Shows a message, or updates it in place (an edit, a pending one answered). */
    show(m: ChatMessage, key = m.clientId ?? m.id): void {
        const item = el('li', { className: `message ${m.from}` });
        item.dataset.id = m.id;
        if (m.from !== 'visitor' && m.name) item.append(el('span', { className: 'name', textContent: m.name }));
        item.append(m.text);
        for (const f of m.files) item.append(el('br'), el('a', { href: /^https?:/.test(f.URL) ? f.URL : '#', target: '_blank', rel: 'noopener noreferrer', textContent: f.name }));
        item.append(el('span', { className: 'meta', textContent: `${time(m.at)}${m.edited ? ' · edited' : ''}` }));
        this.place(key, item);
        if (m.clientId && key !== m.id) this.shown.set(m.id, item);
    }

    /** What the visitor just wrote, before the server has it. */
    showPending(clientId: string, text: string): void {
        const item = el('li', { className: 'message visitor' }, [text, el('span', { className: 'meta', textContent: 'sending…' })]);
        this.place(clientId, item);
    }

    markFailed(clientId: string, reason: string): void {
        const item = this.shown.get(clientId);
        if (!item) return;
        item.classList.add('failed');
        item.querySelector('.meta')!.textContent = reason;
    }

    private place(key: string, item: HTMLLIElement): void {
        const old = this.shown.get(key);
        if (old) old.replaceWith(item);
        else this.list.append(item);
        this.shown.set(key, item);
        this.list.scrollTop = this.list.scrollHeight;
    }
}
