/**
 * The website chat a site embeds with `<script src="<host>/webchat/<channel id>.js" async>`.
 * It finds its host and channel from its own address, who the visitor is from the site
 * (`window.BrixChat.visitor`, signed by the site's server) or else from this visit, and
 * talks to the live chat over one WebSocket.
 */
import { Connection } from './connection';
import type { SiteVisitor } from './protocol';
import { ChatView } from './view';

/** A visit ends after half an hour without activity, as web analytics count visits. */
const VISIT_MS = 30 * 60 * 1000;

const randomId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9-]/g, '');

function visitId(channelId: string): string {
    const key = `brix-webchat:${channelId}:visit`;
    let visit: { id: string; seen: number } | undefined;
    try {
        visit = JSON.parse(localStorage.getItem(key) ?? 'null') ?? undefined;
    } catch {
        visit = undefined;
    }
    if (!visit || Date.now() - visit.seen > VISIT_MS) visit = { id: randomId(), seen: Date.now() };
    visit.seen = Date.now();
    try {
        localStorage.setItem(key, JSON.stringify(visit));
    } catch {
        // Without storage each page load is a visit of its own.
    }
    return visit.id;
}

function utmTags(): Record<string, string> {
    const params = new URLSearchParams(location.search);
    const tags: Record<string, string> = {};
    for (const key of ['source', 'medium', 'campaign', 'term', 'content']) {
        const value = params.get(`utm_${key}`);
        if (value) tags[key] = value;
    }
    return tags;
}

function start(script: HTMLScriptElement): void {
    const src = new URL(script.src);
    const channelId = src.pathname.split('/').pop()!.replace(/\.js$/, '');
    const site = (window as unknown as { BrixChat?: { visitor?: SiteVisitor } }).BrixChat?.visitor;
    const query = new URLSearchParams({ channel: channelId });
    if (site?.id) {
        query.set('user', site.id);
        query.set('hash', site.hash);
        if (site.name) query.set('name', site.name);
        if (site.email) query.set('email', site.email);
    } else {
        query.set('visit', visitId(channelId));
    }
    const who = site?.id ? `user:${site.id}` : query.get('visit');
    const url = `${src.protocol === 'https:' ? 'wss' : 'ws'}://${src.host}/api/sockets/live_chats/webchat?${query}`;
    const context = { page: location.href, utm: utmTags() };

    let uploadToken: string | undefined;
    const view: ChatView = new ChatView({
        send: (text) => {
            const clientId = randomId();
            view.showPending(clientId, text);
            connection.send({ clientId, body: { type: 'message', clientId, text, ...context } });
        },
        attach: (file) => {
            const clientId = randomId();
            view.showPending(clientId, file.name);
            const address = `${src.origin}/api/sockets/live_chats/webchat/files?${new URLSearchParams({ name: file.name, type: file.type })}`;
            fetch(address, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-guest-upload': uploadToken ?? '' }, body: file })
                .then(async (res) => {
                    const answer = await res.json() as { id?: string; error?: { message: string } };
                    if (!res.ok || !answer.id) throw new Error(answer.error?.message ?? 'The file could not be sent');
                    connection.send({ clientId, body: { type: 'message', clientId, text: '', files: [answer.id], ...context } });
                })
                .catch((error: Error) => view.markFailed(clientId, error.message));
        },
        sendOffline: (name, email, text) => {
            const clientId = randomId();
            view.showPending(clientId, text);
            connection.send({ clientId, body: { type: 'offline', clientId, name, email, text, ...context } });
            view.setStatus('Thank you: we will answer as soon as we can.');
        },
    });
    const connection: Connection = new Connection(url, `brix-webchat:${channelId}:${who}:outbox`, {
        hello: (hello, upload) => {
            uploadToken = upload;
            view.start(hello, Boolean(upload));
            for (const item of connection.pending()) view.showPending(item.clientId, String(item.body.text ?? ''));
        },
        message: (m) => view.show(m),
        answered: (_clientId, m) => view.show(m),
        failed: (clientId, _code, text) => view.markFailed(clientId, text),
        state: (state, reason) => view.setStatus(
            state === 'open' ? '' : state === 'refused' ? `The chat is not available here${reason ? `: ${reason}` : ''}` : state === 'offline' ? 'Reconnecting…' : 'Connecting…'),
    });
    document.body.append(view.host);
    connection.open();
}

const self = document.currentScript as HTMLScriptElement | null;
if (self?.src) {
    if (document.body) start(self);
    else document.addEventListener('DOMContentLoaded', () => start(self));
}
