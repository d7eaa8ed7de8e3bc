/**
 * The conversation as the visitor sees it: what they wrote and what the live chat answered,
 * never staff-only notes or system notes; the operator named as the live chat shows it.
 */
import { ofSessions } from '../../messages/sequence';
import type { Line, Message, Session } from '../../shared/apps';
import { outboundFiles, type OutboundFile } from '../outbound-files';

/** A type, not an interface, so that it fits in TJSON. */
export type VisitorMessage = {
    id: string;
    /** The visitor's own id for a message they sent (repeats are matched on it). */
    clientId: string | null;
    from: 'visitor' | 'operator' | 'bot';
    name: string;
    text: string;
    files: OutboundFile[];
    at: string;
    edited: boolean;
};

const HISTORY = 100;

export function shownToVisitor(m: Message): boolean {
    const kind = m.data.author_kind.code;
    return !m.data.staff_only && (kind === 'client' || kind === 'operator' || kind === 'bot');
}

/** The name a reply is shown with: the operator's when the live chat shows names, else the live chat's. */
async function authorName(m: Message, line: Line, title: string): Promise<string> {
    if (m.data.author_kind.code !== 'operator' || !line.data.show_operator_name || !m.data.author) return title;
    const user = await System.users.search().where((f) => f.__id.eq(m.data.author!.id)).first();
    return user?.data.fullname || title;
}

export async function visitorMessage(m: Message, line: Line, title: string, visitorKey: string): Promise<VisitorMessage> {
    const fromVisitor = m.data.author_kind.code === 'client';
    const external = m.data.external_message_id ?? '';
    return {
        id: m.id,
        clientId: fromVisitor && external.startsWith(`${visitorKey}:`) ? external.slice(visitorKey.length + 1) : null,
        from: fromVisitor ? 'visitor' : m.data.author_kind.code === 'bot' ? 'bot' : 'operator',
        name: fromVisitor ? '' : await authorName(m, line, title),
        text: m.data.text ?? '',
        files: await outboundFiles(m.data.attachments),
        at: m.data.__createdAt.toJSON(),
        edited: Boolean(m.data.edited_at),
    };
}

/** The latest messages of the session, oldest first. */
export async function visitorHistory(session: Session, line: Line, title: string, visitorKey: string): Promise<VisitorMessage[]> {
    const latest = await Namespace.app.messages.search()
        .where((f, g) => g.and(...ofSessions(f, [session]))).sort('seq', false).size(HISTORY).all();
    const shown = latest.filter(shownToVisitor).reverse();
    return Promise.all(shown.map((m) => visitorMessage(m, line, title, visitorKey)));
}
