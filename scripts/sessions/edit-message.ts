/**
 * Edit own message (SPEC §3.2): only the author, while editing is allowed globally and the
 * session is open. A channel that can edit (Telegram, within 48 hours) carries the edit to
 * the client, and an edit it could no longer carry is refused; the arbitrary messenger
 * contract has no edit, so there the edit shows in the thread (and the Messages view) only.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { authorize } from '../access/guard';
import { caller } from '../access/roles';
import { readSettings } from '../settings/global-settings';
import { refusal } from '../shared/errors';
import { input, ok, requiredText, type Input } from '../shared/http';
import type { Line, Message, Session } from '../shared/apps';
import { publishMessageChange, publishToReaders } from '../shared/publish';
import { messageView } from '../shared/views';
import { tellEmployee } from '../messages/send-to-client';
import { adapterOf } from '../channels/adapters';
import { loadSession, requireOpen } from './load';

/** The message the request names, with its session and live chat. @throws ApiError NOT_FOUND */
export async function messageToEdit(values: Input): Promise<{ message: Message; session: Session; line: Line }> {
    const id = requiredText(values, 'messageId', 100);
    const message = await Namespace.app.messages.search().where((f) => f.__id.eq(id)).first();
    if (!message) throw refusal('NOT_FOUND', `No message ${id}`);
    return { message, ...(await loadSession({ sessionId: message.data.session.id })) };
}

/**
 * Stores the new text once the author is known to be the caller, and tells everyone who
 * shows the thread: staff, the employee's Messages tabs and readers' widgets.
 * @throws ApiError EDITING_DISABLED, SESSION_CLOSED, SESSION_IS_SPAM, VALIDATION_FAILED
 */
export async function applyEdit(values: Input, { message, session, line }: { message: Message; session: Session; line: Line }): Promise<HttpResponse> {
    if (!(await readSettings()).allow_editing_messages) throw refusal('EDITING_DISABLED', 'Editing messages is switched off');
    requireOpen(session);
    message.data.text = requiredText(values, 'text');
    message.data.edited_at = new TDatetime();
    await message.save();
    await publishMessageChange(line, session.id, message);
    await tellEmployee(session, message);
    await publishToReaders(line, session.id);
    return ok({ message: messageView(message) });
}

export async function editMessage(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const target = await messageToEdit(values);
    await authorize(user, target.line, 'edit_message', target.session);
    if (target.message.data.author_kind.code !== 'operator' || target.message.data.author?.id !== user.id) {
        throw refusal('NOT_YOUR_MESSAGE', 'Only the author can edit a message');
    }
    const channel = await target.session.data.channel?.fetch();
    const adapter = channel ? adapterOf(channel) : undefined;
    if (adapter?.editWindowMs && Date.now() - target.message.data.__createdAt.getTime() > adapter.editWindowMs) {
        throw refusal('EDIT_WINDOW_PASSED', `This channel lets a message be edited for ${Math.round(adapter.editWindowMs / 3_600_000)} hours after it was sent`);
    }
    const answer = await applyEdit(values, target);
    if (channel && adapter?.edit) await adapter.edit(channel, target.message);
    return answer;
}
