/**
 * What the widget shows of sessions and messages, as plain JSON for the browser: the left
 * pane's list, and a page of the selected session's thread with the client's earlier
 * sessions on the same channel (SPEC §10). Pages go newest first, `pageSize` at a time.
 */
import type { TJSON } from '@brix/sdk';
import { numberOlderMessages, ofSessions, threadKey } from '../../scripts/messages/sequence';
import { nameOf } from '../../scripts/messages/system-note';
import type { Client, Message, Session } from '../../scripts/shared/apps';

export interface PageCursor {
    /** Only messages before this place in the thread: the seq of the oldest message shown. */
    beforeSeq: number;
}

export interface ThreadPage {
    sessions: TJSON[];
    messages: TJSON[];
    hasEarlier: boolean;
}

const iso = (d: { toJSON(): string } | null | undefined) => (d ? d.toJSON() : null);

/** A cache of display names, so a page asks for each author once. */
export class AuthorNames {
    private readonly users = new Map<string, Promise<string>>();
    private readonly clients = new Map<string, string>();

    constructor(clients: readonly Client[]) {
        for (const c of clients) this.clients.set(c.id, c.data.__name || c.data.username || 'Client');
    }

    user(id: string): Promise<string> {
        if (!this.users.has(id)) this.users.set(id, nameOf(id));
        return this.users.get(id)!;
    }

    async ofMessage(m: Message): Promise<string | null> {
        if (m.data.author) return this.user(m.data.author.id);
        return m.data.client ? this.clients.get(m.data.client.id) ?? null : null;
    }
}

export async function sessionSummary(s: Session, names: AuthorNames, channelNames: Map<string, string>) {
    const d = s.data;
    return {
        id: s.id,
        name: d.__name,
        state: d.state.code,
        stateName: d.state.name,
        closed: d.state.code === 'closed',
        channel: d.channel?.id ?? null,
        channelName: d.channel ? channelNames.get(d.channel.id) ?? '' : '',
        operatorName: d.operator ? await names.user(d.operator.id) : null,
        createdAt: iso(d.__createdAt) ?? '',
        lastActivityAt: iso(d.last_activity_at ?? d.__createdAt) ?? '',
    };
}

/**
 * The selected session and the same client's earlier sessions on its channel (of its
 * thread: messages/sequence.ts), oldest first.
 */
export async function threadSessions(selected: Session): Promise<Session[]> {
    const clientIds = (selected.data.clients ?? []).map((c) => c.id);
    if (!selected.data.channel || clientIds.length === 0) return [selected];
    const channel = selected.data.channel.id;
    const related = await Namespace.app.sessions.search()
        .where((f, g) => g.and(f.channel.eq(channel), f.clients.in(clientIds), f.__createdAt.lte(selected.data.__createdAt)))
        .sort('__createdAt').size(100).all();
    const key = threadKey(selected);
    const earlier = related.filter((s) => s.id !== selected.id && s.data.state.code !== 'marked_as_spam' && threadKey(s) === key);
    await numberOlderMessages(selected);
    return [...earlier, selected];
}

export async function threadPage(sessions: Session[], options: { withStaffOnly: boolean; pageSize: number; cursor: PageCursor | null; names: AuthorNames }): Promise<ThreadPage> {
    const { cursor, pageSize } = options;
    const found = await Namespace.app.messages.search().where((f, g) => {
        const conditions = ofSessions(f, sessions);
        if (!options.withStaffOnly) conditions.push(f.staff_only.eq(false));
        if (cursor) conditions.push(f.seq.lt(cursor.beforeSeq));
        return g.and(...conditions);
    }).sort('seq', false).size(pageSize + 1).all();
    const page = found.slice(0, pageSize).reverse();
    return {
        sessions: await Promise.all(sessions.map(async (s) => ({ id: s.id, name: s.data.__name, state: s.data.state.code, createdAt: iso(s.data.__createdAt) ?? '' }))),
        messages: await Promise.all(page.map(async (m) => ({
            id: m.id,
            session: m.data.session.id,
            authorKind: m.data.author_kind.code,
            authorName: await options.names.ofMessage(m),
            text: m.data.text ?? '',
            attachments: (m.data.attachments ?? []) as TJSON,
            deliveryState: m.data.delivery_state?.code ?? null,
            staffOnly: Boolean(m.data.staff_only),
            createdAt: iso(m.data.__createdAt) ?? '',
            seq: m.data.seq,
            editedAt: iso(m.data.edited_at),
        }))),
        hasEarlier: found.length > pageSize,
    };
}
