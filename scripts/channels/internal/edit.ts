/**
 * An employee edits their own message to a live chat (SPEC §4: "edit as in a normal chat"),
 * on the same terms as operators: while editing is allowed globally and the conversation is
 * open. Staff and the employee's other tabs see the edit live.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller } from '../../access/roles';
import { applyEdit, messageToEdit } from '../../sessions/edit-message';
import { refusal } from '../../shared/errors';
import { input } from '../../shared/http';
import { internalChannelFor } from './customer';

export async function editAsEmployee(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const target = await messageToEdit(values);
    const channel = await internalChannelFor(user, target.line);
    const author = await target.message.data.client?.fetch();
    if (target.message.data.author_kind.code !== 'client' || target.message.data.channel?.id !== channel.id || author?.data.user?.id !== user.id) {
        throw refusal('NOT_YOUR_MESSAGE', 'Only the author can edit a message');
    }
    return applyEdit(values, target);
}
