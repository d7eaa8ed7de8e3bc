/**
 * `session_transcript`: one session's conversation as a readable HTML file to save, for
 * whoever may read the session (readers see staff-only notes only when they ask, as in the
 * desk). Every value is escaped by the template.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import layout from '../../templates/transcripts/transcript.html.hbs';
import { userNames } from '../desk/names';
import { sessionRequest } from '../sessions/session-request';
import { conversation, transcriptMessages, type TranscriptMessage } from './conversation';

const stamp = (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 16) : '');

export async function sessionTranscript(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, line, role } = await sessionRequest(req, 'view');
    const withSystem = role !== 'reader' || values.system === 'true';
    const messages: TranscriptMessage[] = [];
    for await (const page of conversation(session, withSystem)) messages.push(...(await transcriptMessages(page)));
    const d = session.data;
    const operator = d.operator ? (await userNames([d.operator.id]))[d.operator.id] : undefined;
    const channel = d.channel ? (await Namespace.app.channels.search().where((f) => f.__id.eq(d.channel!.id)).first())?.data.__name : undefined;
    const html = layout({
        session: {
            name: d.__name, line: line.data.__name, channel, state: d.state.name, operator,
            createdAt: stamp(d.__createdAt.toJSON()), closedAt: stamp(d.closed_at?.toJSON()),
        },
        exportedAt: stamp(new Date().toISOString()),
        messages: messages.map((m) => ({ ...m, at: stamp(m.at), kind: m.kind === 'system' ? 'system' : m.kind === 'client' ? 'client' : 'staff' })),
    });
    return new HttpResponse().content(html, 'text/html; charset=utf-8').download(`${d.__name || 'session'} transcript.html`);
}
