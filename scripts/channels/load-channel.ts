/**
 * Loads a channel named in a request. @throws ApiError NOT_FOUND
 */
import type { Channel } from '../shared/apps';
import { refusal } from '../shared/errors';
import { requiredText, type Input } from '../shared/http';

export async function loadChannel(values: Input): Promise<Channel> {
    const id = requiredText(values, 'channelId', 100);
    const channel = await Namespace.app.channels.search().where((f) => f.__id.eq(id)).first();
    if (!channel) throw refusal('NOT_FOUND', `No channel ${id}`);
    return channel;
}
