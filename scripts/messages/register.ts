/**
 * Registers a message in the live chat's messages app (SPEC §11), in the transaction that
 * stores it: the author, text, session and time, so other apps and reports can use them.
 * Recorded by the extension's service user, whom an administrator gives the right.
 */
import type { Line, Message, Session } from '../shared/apps';
import { registeredFields } from '../accounts/linked-apps';
import { nameOf } from './system-note';

async function authorName(message: Message): Promise<string> {
    if (message.data.author) return nameOf(message.data.author.id);
    if (message.data.client) return (await message.data.client.fetch()).data.__name;
    return message.data.author_kind.name;
}

export async function registerMessage(line: Line, session: Session, message: Message): Promise<void> {
    const key = line.data.messages_app;
    if (!key) return;
    // An app uninstalled since the live chat was saved records nothing; the next save says why.
    const described = await System.apps.describe(key);
    const app = described && (await System.apps.get(key, { as: 'service' }));
    if (!app || !described) return;
    const types = new Map(described.fields.map((f) => [f.code, f.type]));
    const values: Record<(typeof registeredFields)[number], unknown> = {
        author: await authorName(message),
        text: message.data.text ?? '',
        // A link to the session where the app links to sessions, its id otherwise.
        session: types.get('session') === 'SYS_COLLECTION' ? session.getRef() : session.id,
        sent_at: message.data.__createdAt,
    };
    const record = app.create();
    const data = record.data as Record<string, unknown>;
    data.__name = message.data.__name;
    for (const field of registeredFields) if (types.has(field)) data[field] = values[field];
    await record.save();
}
