/**
 * Server methods of the Live Chat Messages widget (SPEC §10). The browser sends the
 * widget's settings and `item_app` / `item_id` of the form in `Context.data`, the call's
 * parameters in `Context.data.request`; each method answers in `Context.data.answer`.
 * Every method checks rights here: what the settings point at is only a filter, never a grant.
 */
import type { TJSON, UserItem } from '@brix/sdk';
import { authorize } from '../../scripts/access/guard';
import { caller, roleIn } from '../../scripts/access/roles';
import { attachmentsOf } from '../../scripts/messages/attachments';
import { loadLine, loadSession } from '../../scripts/sessions/load';
import { postReply } from '../../scripts/sessions/reply';
import { startSessionWith } from '../../scripts/sessions/start-new';
import type { Line, Session } from '../../scripts/shared/apps';
import { refusal } from '../../scripts/shared/errors';
import { canView, refusalOf, replyRefusal, viewsAnyLine } from './access.server';
import { resolveClients, type HistorySettings } from './clients.server';
import { AuthorNames, sessionSummary, threadPage, threadSessions, type PageCursor } from './thread.server';

type Request = Record<string, TJSON | undefined>;

const text = (v: TJSON | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : null);

function settings(): HistorySettings {
    const d = Context.data;
    return {
        showHistory: d.show_history === 'by_item' ? 'by_item' : 'by_account',
        accountField: text(d.account_field as TJSON),
        boundField: text(d.bound_field as TJSON),
        itemField: text(d.item_field as TJSON),
    };
}

const pageSize = () => Math.min(Math.max(Number(Context.data.page_size) || 30, 5), 200);
const request = (): Request => (Context.data.request && typeof Context.data.request === 'object' && !Array.isArray(Context.data.request) ? Context.data.request as Request : {});
const answer = (value: object) => { Context.data.answer = JSON.parse(JSON.stringify(value)) as TJSON; };

/** The item's clients and their sessions the user may view, newest activity first. */
async function visibleSessions(user: UserItem) {
    const itemId = text(Context.data.item_id as TJSON);
    const itemApp = text(Context.data.item_app as TJSON);
    const clients = itemId && itemApp ? await resolveClients(settings(), { app: itemApp, id: itemId }) : [];
    const ids = clients.map((c) => c.id);
    const sessions = ids.length ? await Namespace.app.sessions.search()
        .where((f, g) => g.and(f.clients.in(ids), f.state.neq('marked_as_spam')))
        .sort('last_activity_at', false).size(500).all() : [];
    const lines = new Map<string, Line>();
    for (const s of sessions) if (!lines.has(s.data.line.id)) lines.set(s.data.line.id, await loadLine(s.data.line.id));
    return { clients, lines, sessions: sessions.filter((s) => canView(user, lines.get(s.data.line.id)!)) };
}

/** Loads the sessions, the selected (or newest) session's latest page and what the user may do. */
export async function load(): Promise<void> {
    const user = await caller();
    if (!(await viewsAnyLine(user))) return answer({ access: 'none' });
    const { clients, lines, sessions } = await visibleSessions(user);
    const names = new AuthorNames(clients);
    const channels = await Namespace.app.channels.search().size(1000).all();
    const channelNames = new Map(channels.map((c) => [c.id, c.data.__name]));
    const wanted = text(request().selected);
    const selected = sessions.find((s) => s.id === wanted) ?? sessions.find((s) => s.data.state.code !== 'closed') ?? sessions[0];
    const line = selected ? lines.get(selected.data.line.id)! : undefined;
    const starts = [];
    for (const client of clients) {
        const channel = channels.find((c) => c.id === client.data.channel?.id);
        if (!channel || channel.data.kind.code !== 'other' || channel.data.state?.code !== 'active') continue;
        const refusalCode = await refusalOf(user, await loadLine(channel.data.line.id), 'new_session');
        if (refusalCode !== 'FORBIDDEN_ROLE') starts.push({ client: client.id, name: client.data.__name, channelName: channel.data.__name, refusal: refusalCode });
    }
    answer({
        access: 'granted',
        sessions: await Promise.all(sessions.map((s) => sessionSummary(s, names, channelNames))),
        clients: clients.map((c) => c.id),
        selected: selected?.id ?? null,
        role: line ? roleIn(user, line) : null,
        thread: selected && line ? await threadPage(await threadSessions(selected), {
            withStaffOnly: showsStaffOnly(user, line), pageSize: pageSize(), cursor: null, names,
        }) : null,
        replyRefusal: selected && line ? await replyRefusal(user, line, selected) : null,
        newSession: starts,
    });
}

/** Staff see system notes always (the toggle hides them in the browser); readers on request. */
function showsStaffOnly(user: UserItem, line: Line): boolean {
    return roleIn(user, line) !== 'reader' || request().showSystem === true;
}

/** The session a call names, if the user may view it. @throws ApiError NOT_FOUND, FORBIDDEN_ROLE */
async function viewableSession(user: UserItem): Promise<{ session: Session; line: Line }> {
    const { session, line } = await loadSession({ sessionId: request().session });
    if (!canView(user, line)) throw refusal('FORBIDDEN_ROLE', 'You may not view this live chat');
    return { session, line };
}

/** An older page of the selected session's thread. */
export async function loadEarlier(): Promise<void> {
    const user = await caller();
    const { session, line } = await viewableSession(user);
    const cursor = request().cursor as unknown as PageCursor | undefined;
    if (!cursor || !Number.isSafeInteger(cursor.beforeSeq)) throw refusal('VALIDATION_FAILED', 'cursor is required', { cursor: 'is required' });
    const sessions = await threadSessions(session);
    const names = new AuthorNames(await Namespace.app.clients.search().where((f) => f.__id.in(sessions.flatMap((s) => (s.data.clients ?? []).map((c) => c.id)))).size(1000).all());
    answer(await threadPage(sessions, { withStaffOnly: showsStaffOnly(user, line), pageSize: pageSize(), cursor: { beforeSeq: cursor.beforeSeq }, names }));
}

/** A reply (text, files uploaded beforehand, or both) in the selected session: its operator (Online), supervisors and administrators only. */
export async function reply(): Promise<void> {
    const user = await caller();
    const { session, line } = await viewableSession(user);
    await authorize(user, line, 'reply', session);
    const message = await postReply(session, line, user.id, text(request().text) ?? '', attachmentsOf(request().files, 'url'));
    answer({ message: message.id });
}

/** +New session with one of the item's clients, through its messenger channel. */
export async function startSession(): Promise<void> {
    const user = await caller();
    const clientId = text(request().client);
    const client = clientId ? await Namespace.app.clients.search().where((f) => f.__id.eq(clientId)).first() : undefined;
    const channel = client?.data.channel ? await Namespace.app.channels.search().where((f) => f.__id.eq(client.data.channel!.id)).first() : undefined;
    if (!client || !channel || !client.data.external_user_id) throw refusal('NOT_FOUND', 'No such client of a messenger channel');
    const first = text(request().text);
    if (!first) throw refusal('VALIDATION_FAILED', 'text is required', { text: 'is required' });
    const previous = await Namespace.app.sessions.search().where((f, g) => g.and(f.channel.eq(channel.id), f.clients.eq(client.id))).sort('__createdAt', false).first();
    const { session } = await startSessionWith(user, channel, await loadLine(channel.data.line.id), {
        externalUserId: client.data.external_user_id,
        externalChatId: previous?.data.external_chat_id ?? client.data.external_user_id,
        externalChatName: previous?.data.external_chat_name ?? null,
        text: first,
    });
    answer({ session: session.id });
}
