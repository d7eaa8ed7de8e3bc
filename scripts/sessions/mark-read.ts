/**
 * The operator has read the client's messages: they are marked read and the messenger is
 * told (`markAsRead` per message) so the client sees it. Reading is looking, so Offline
 * operators may do it; only the session's own operator (or a supervisor) counts.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { scheduleMessengerNotice } from '../channels/other/messenger-notice';
import { ofSessions } from '../messages/sequence';
import { ok } from '../shared/http';
import { sessionRequest } from './session-request';

export async function markSessionRead(req: HttpApiRequest): Promise<HttpResponse> {
    const { session } = await sessionRequest(req, 'mark_read');
    const channel = await session.data.channel?.fetch();
    const unread = await Namespace.app.messages.search()
        .where((f, g) => g.and(...ofSessions(f, [session]), f.author_kind.eq('client'), f.read_at.eq(null))).size(10_000).all();
    await System.transaction(async () => {
        for (const message of unread) {
            message.data.read_at = new TDatetime();
            await message.save();
            const external = message.data.external_message_id;
            if (channel?.data.kind.code === 'other' && external) await scheduleMessengerNotice(channel.id, 'markAsRead', { messageId: external });
        }
        await session.reload();
        if (session.data.unread_count) {
            session.data.unread_count = 0;
            await session.save();
        }
    });
    return ok({ read: unread.length });
}
