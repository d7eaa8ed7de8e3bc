/**
 * A session's whole conversation for a transcript, read a page at a time in thread order
 * (an index seek on session and seq per page), with the names of who wrote each message.
 */
import type { Message, Session } from '../shared/apps';
import { clientNames, userNames } from '../desk/names';
import { numberOlderMessages, ofSessions } from '../messages/sequence';

const PAGE = 200;

export interface TranscriptMessage {
    id: string;
    seq: number | null;
    at: string;
    kind: string;
    author: string;
    text: string;
    files: string[];
    staffOnly: boolean;
}

/** Every message of the session, oldest first; staff-only notes only when `withSystem`. */
export async function* conversation(session: Session, withSystem: boolean): AsyncGenerator<Message[]> {
    await numberOlderMessages(session);
    let after = -Infinity;
    for (;;) {
        const seq = after;
        const page = await Namespace.app.messages.search().where((f, g) => g.and(
            ...ofSessions(f, [session]),
            ...(withSystem ? [] : [f.staff_only.eq(false)]),
            ...(Number.isFinite(seq) ? [f.seq.gt(seq)] : []),
        )).sort('seq', true).size(PAGE).all();
        if (page.length) yield page;
        if (page.length < PAGE) return;
        after = page[page.length - 1].data.seq ?? after;
    }
}

function fileNames(attachments: unknown): string[] {
    return Array.isArray(attachments) ? attachments.map((a) => String((a as { name?: unknown }).name ?? 'file')) : [];
}

/** A page of messages as a transcript shows them, their authors' names looked up at once. */
export async function transcriptMessages(messages: Message[]): Promise<TranscriptMessage[]> {
    const [users, clients] = await Promise.all([
        userNames(messages.map((m) => m.data.author?.id)),
        clientNames(messages.map((m) => m.data.client?.id)),
    ]);
    return messages.map((m) => {
        const d = m.data;
        const kind = d.author_kind.code;
        const author = kind === 'client' ? clients[d.client?.id ?? ''] ?? 'Client'
            : kind === 'system' ? 'System' : kind === 'bot' ? 'Bot' : users[d.author?.id ?? ''] ?? 'Operator';
        return {
            id: m.id, seq: d.seq, at: d.__createdAt.toJSON(), kind, author, text: d.text ?? '',
            files: fileNames(d.attachments), staffOnly: Boolean(d.staff_only),
        };
    });
}
