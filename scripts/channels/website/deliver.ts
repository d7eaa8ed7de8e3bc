/**
 * Replies to a website visitor go straight to the visitor's open tabs. A reply counts as
 * delivered when a tab of the visitor was connected to receive it; otherwise it stays
 * pending and is delivered with the conversation the next time the visitor opens the chat.
 */
import { loadLine } from '../../sessions/load';
import type { Message, Session } from '../../shared/apps';
import { publishMessageChange } from '../../shared/publish';
import { enumOf } from '../../shared/values';
import { shownToVisitor, visitorMessage } from './conversation';
import { websiteSettings } from './settings';
import { visitorTopic } from './visitor';

/**
 * Pushes a new or edited reply to the visitor's tabs; marks it delivered if one was there.
 * @returns whether a tab of the visitor was there to receive it.
 */
export async function pushToVisitor(session: Session, message: Message): Promise<boolean> {
    if (!shownToVisitor(message)) return true;
    const channel = await session.data.channel!.fetch();
    const key = session.data.external_chat_id ?? '';
    const topic = visitorTopic(channel.id, key);
    const line = await loadLine(session.data.line.id);
    await System.realtime.publishToGuests(topic, 'message', await visitorMessage(message, line, websiteSettings(channel).title, key));
    const reached = (await System.realtime.guests(topic)) > 0;
    if (reached && message.data.delivery_state?.code !== 'delivered') {
        message.data.delivery_state = enumOf('delivered');
        await message.save();
        await publishMessageChange(line, session.id, message);
    }
    return reached;
}

/** The visitor has just been shown the conversation: what was pending (or given up on while they were away) has reached them. */
export async function markDelivered(sessionId: string): Promise<void> {
    const pending = await Namespace.app.messages.search()
        .where((f, g) => g.and(f.session.eq(sessionId), f.delivery_state.in(['pending', 'failed']))).size(100).all();
    if (!pending.length) return;
    const line = await loadLine((await pending[0].data.session.fetch()).data.line.id);
    await System.transaction(async () => {
        for (const message of pending) {
            message.data.delivery_state = enumOf('delivered');
            await message.save();
        }
    });
    for (const message of pending) await publishMessageChange(line, sessionId, message);
}
