/**
 * `session_transcripts`: the sessions of a live chat that a filter picks (state, created
 * from / to), each with its conversation, as JSON Lines that stream — one session per line,
 * read a page of sessions at a time by keyset (time of creation, then id), never by offset.
 * The caller needs the right to read the live chat's sessions; readers get staff-only
 * notes only when they ask, as in the desk.
 */
import type { Condition, FieldOperands, GlobalFilters, HttpApiRequest, HttpResponse, TDatetime as Moment } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller } from '../access/roles';
import type { Session, SessionData, SessionState } from '../shared/apps';
import { refusal } from '../shared/errors';
import { input, requiredText, type Input } from '../shared/http';
import { sessionView } from '../shared/views';
import { loadLine } from '../sessions/load';
import { conversation, transcriptMessages } from './conversation';

const PAGE = 100;
const states: readonly SessionState[] = ['waiting', 'assigned_to_bot', 'assigned_to_operator', 'marked_as_spam', 'closed'];
type Where = (f: FieldOperands<SessionData>, g: GlobalFilters) => Condition;

function moment(values: Input, name: string): Moment | undefined {
    const raw = values[name];
    if (raw === undefined || raw === '') return undefined;
    const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
    if (!Number.isFinite(ms)) throw refusal('VALIDATION_FAILED', `${name} must be a date or a date and time`, { [name]: 'invalid value' });
    return new TDatetime(ms);
}

/** The filter's conditions, checked before anything is read. */
function filterOf(values: Input, lineId: string): Where {
    const state = values.state;
    if (state !== undefined && state !== '' && (typeof state !== 'string' || !states.includes(state as SessionState))) {
        throw refusal('VALIDATION_FAILED', `state must be one of ${states.join(', ')}`, { state: 'invalid value' });
    }
    const from = moment(values, 'from');
    const to = moment(values, 'to');
    return (f, g) => g.and(
        f.line.eq(lineId),
        ...(typeof state === 'string' && state ? [f.state.eq(state as SessionState)] : []),
        ...(from ? [f.__createdAt.gte(from)] : []),
        ...(to ? [f.__createdAt.lt(to)] : []),
    );
}

async function* sessions(where: Where): AsyncGenerator<Session[]> {
    let last: Session | undefined;
    for (;;) {
        const after = last;
        const page = await Namespace.app.sessions.search().where((f, g) => g.and(
            where(f, g),
            ...(after ? [f.__createdAt.gte(after.data.__createdAt), g.or(f.__createdAt.gt(after.data.__createdAt), f.__id.gt(after.id))] : []),
        )).sort('__createdAt', true).sort('__id', true).size(PAGE).all();
        if (page.length) yield page;
        if (page.length < PAGE) return;
        last = page[page.length - 1];
    }
}

async function* lines(where: Where, withSystem: boolean): AsyncGenerator<string> {
    for await (const page of sessions(where)) {
        for (const session of page) {
            const messages = [];
            for await (const part of conversation(session, withSystem)) messages.push(...(await transcriptMessages(part)));
            yield `${JSON.stringify({ session: sessionView(session), messages })}\n`;
        }
    }
}

export async function sessionTranscripts(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const line = await loadLine(requiredText(values, 'lineId', 100));
    const role = await authorize(user, line, 'view');
    const where = filterOf(values, line.id);
    const withSystem = role !== 'reader' || values.system === 'true';
    const date = new Date().toISOString().slice(0, 10);
    return new HttpResponse().stream(lines(where, withSystem), 'application/x-ndjson; charset=utf-8').download(`${line.data.__name} transcripts ${date}.jsonl`);
}
