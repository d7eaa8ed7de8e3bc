/**
 * An employee writes to a live chat (internal channel): the same inbound pipeline as
 * every other channel. An optional `clientMessageId` makes a retried send idempotent.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { caller } from '../../access/roles';
import { receiveInbound } from '../../inbound/pipeline';
import { attachmentsOf } from '../../messages/attachments';
import { loadLine } from '../../sessions/load';
import { refusal } from '../../shared/errors';
import { input, ok, optionalText, requiredText } from '../../shared/http';
import { messageView } from '../../shared/views';
import { internalChannelFor } from './customer';

export async function writeAsEmployee(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const user = await caller();
    const line = await loadLine(requiredText(values, 'lineId', 100));
    const channel = await internalChannelFor(user, line);
    const text = optionalText(values, 'text') ?? '';
    const files = attachmentsOf(values.files, 'url');
    if (!text && files.length === 0) throw refusal('VALIDATION_FAILED', 'text or files are required', { text: 'is required' });
    const clientMessageId = optionalText(values, 'clientMessageId', 100);
    const result = await receiveInbound({
        channel, externalMessageId: clientMessageId ? `${user.id}:${clientMessageId}` : null,
        externalChatId: user.id, externalChatName: user.data.fullname,
        sender: { userId: user.id }, senderName: user.data.fullname, text, attachments: files,
    });
    return ok({ message: messageView(result.message), duplicate: result.duplicate }, result.duplicate ? 200 : 201);
}
