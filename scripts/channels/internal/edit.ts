/**
 * An employee edits their own message to a live chat (SPEC §4: "edit as in a normal chat"),
 * while editing is allowed globally and the conversation is open. Staff and the employee's
 * other tabs see the edit live.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller } from '../../access/roles';
import { tellEmployee } from '../../messages/send-to-client';
import { loadSession, requireOpen } from '../../sessions/load';
import { readSettings } from '../../settings/global-settings';
import { refusal } from '../../shared/errors';
import { input, ok, requiredText } from '../../shared/http';
import { publishToStaff } from '../../shared/publish';
import { messageView } from '../../shared/views';
import { internalChannelFor } from './customer';

export async function editAsEmployee(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const id = requiredText(values, 'messageId', 100);
    const message = await Namespace.app.messages.search().where((f) => f.__id.eq(id)).first();
    if (!message) throw refusal('NOT_FOUND', `No message ${id}`);
    const { session, line } = await loadSession({ sessionId: message.data.session.id });
    const channel = await internalChannelFor(user, line);
    const author = await message.data.client?.fetch();
    if (message.data.author_kind.code !== 'client' || message.data.channel?.id !== channel.id || author?.data.user?.id !== user.id) {
        throw refusal('NOT_YOUR_MESSAGE', 'Only the author can edit a message');
    }
    if (!(await readSettings()).allow_editing_messages) throw refusal('EDITING_DISABLED', 'Editing messages is switched off');
    requireOpen(session);
    message.data.text = requiredText(values, 'text');
    message.data.edited_at = new TDatetime();
    await message.save();
    await publishToStaff(line, 'message_updated', { session: session.id, message: messageView(message) });
    await tellEmployee(session, message);
    return ok({ message: messageView(message) });
}
