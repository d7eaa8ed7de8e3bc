/**
 * Sends a stored staff-side message (operator reply or automatic reply) to the client over
 * the session's channel: external channels through the durable delivery queue, an
 * employee of the internal channel straight to their open Messages tabs, a website visitor
 * straight to their open chat (and by e-mail through the queue when they asked for it).
 */
import type { Message, Session } from '../shared/apps';
import { enumOf } from '../shared/values';
import { publishMessageChange } from '../shared/publish';
import { messageView } from '../shared/views';
import { scheduleDelivery } from '../channels/delivery-queue';
import { pushToVisitor } from '../channels/website/deliver';

/** Pushes a new or changed message to the open Messages tabs of the session's employee, if it has one. */
export async function tellEmployee(session: Session, message: Message): Promise<void> {
    const client = await session.data.clients?.[0]?.fetch();
    const employee = client?.data.user?.id;
    if (employee) await System.realtime.publish({ users: [employee] }, 'live_chats.message', { line: session.data.line.id, message: messageView(message) });
}

export async function sendToClient(session: Session, message: Message): Promise<void> {
    const channel = await session.data.channel?.fetch();
    if (!channel) return;
    if (channel.data.kind.code === 'internal') {
        message.data.delivery_state = enumOf('delivered');
        await message.save();
        await tellEmployee(session, message);
        // The staff's other tabs show the reply delivered too.
        await publishMessageChange(await session.data.line.fetch(), session.id, message);
        return;
    }
    message.data.delivery_state = enumOf('pending');
    await message.save();
    // A visitor on the site gets it at once; one who left sees it on their next visit. One
    // who left an address in the offline form is mailed as well, through the queue (retried).
    if (channel.data.kind.code === 'website' && !session.data.reply_email) await pushToVisitor(session, message);
    else await scheduleDelivery(session.id);
}
