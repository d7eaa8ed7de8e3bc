/**
 * Demo data for the Live Chat Messages widget (SPEC §10): the contact "Alice Example",
 * whose account field links to the messenger client "alice-demo" of Support. Alice has an
 * earlier, closed conversation and a current one waiting in the queue, so the contact's
 * form shows an Archive, an active session and the history above it. Created once.
 */
import type { TJSON } from '@brix/sdk';
import type { AuthorKind, Channel, Client, Line, Session, SessionState } from '../shared/apps';
import { enumOf, userRef } from '../shared/values';
import { emitEvent } from '../shared/publish';
import { placeInThread } from '../messages/sequence';

const EXTERNAL_USER = 'alice-demo';

interface DemoLine { author: AuthorKind; text: string; staffOnly?: boolean }

const earlier: DemoLine[] = [
    { author: 'client', text: 'Hi! Where is my order #1001? It was due yesterday.' },
    { author: 'operator', text: 'Hello Alice, it left the warehouse this morning and arrives tomorrow.' },
    { author: 'client', text: 'Great, thank you!' },
    { author: 'system', text: 'Closed by Olga Operator', staffOnly: true },
];

const current: DemoLine[] = [
    { author: 'client', text: 'Hello again: the parcel arrived, but the mug inside is broken <sad>.' },
];

async function operatorId(): Promise<string | null> {
    return (await System.users.search().where((f) => f.email.eq('operator1@example.com')).first())?.id ?? null;
}

async function addSession(line: Line, channel: Channel, client: Client, name: string, state: SessionState, lines: DemoLine[], operator: string | null): Promise<Session> {
    const session = Namespace.app.sessions.create();
    Object.assign(session.data, {
        __name: name, line: line.getRef(), channel: channel.getRef(), clients: [client.getRef()], state: enumOf(state),
        external_chat_id: `chat-${EXTERNAL_USER}`, external_chat_name: 'Alice Example', resumed_count: 0,
        ...(state === 'waiting' ? { waiting_since: new TDatetime() } : {
            closed_at: new TDatetime(), accepted_at: new TDatetime(), operator: operator ? userRef(operator) : null, last_operator: operator ? userRef(operator) : null,
        }),
    });
    await session.save();
    for (const l of lines) {
        const message = Namespace.app.messages.create();
        Object.assign(message.data, {
            __name: l.text.slice(0, 80), session: session.getRef(), channel: channel.getRef(), text: l.text,
            client: l.author === 'client' ? client.getRef() : null, author_kind: enumOf(l.author),
            author: l.author === 'operator' && operator ? userRef(operator) : null, attachments: [] as TJSON,
            delivery_state: l.author === 'client' ? null : enumOf('delivered'), delivery_attempts: 0, staff_only: Boolean(l.staffOnly),
        });
        // The demo writes a question and its answer in the same millisecond: the thread's number orders them.
        await System.transaction(async () => {
            await placeInThread(message, session);
            await message.save();
        });
    }
    session.data.last_activity_at = new TDatetime();
    await session.save();
    // A closed conversation counts in the reports like one closed at the desk.
    if (state === 'closed') await emitEvent('session_closed', { session: session.id, line: line.id, operator, by: operator });
    return session;
}

export async function seedDemoContact(line: Line, channel: Channel): Promise<void> {
    if (await Namespace.app.contacts.search().where((f) => f.__name.eq('Alice Example')).first()) return;
    const client = Namespace.app.clients.create();
    Object.assign(client.data, { __name: 'Alice Example', channel: channel.getRef(), external_user_id: EXTERNAL_USER, username: 'alice' });
    await client.save();
    const contact = Namespace.app.contacts.create();
    Object.assign(contact.data, {
        __name: 'Alice Example', email: { type: 'work', email: 'alice@example.com' }, company: 'Example Ltd', account: [client.getRef()],
    });
    await contact.save();
    // Bound both ways, so the widget finds Alice "by account" and "by app item".
    client.data.account = { app: `${Namespace.code}.contacts`, id: contact.id, name: contact.data.__name };
    client.data.account_id = contact.id;
    await client.save();
    const operator = await operatorId();
    await addSession(line, channel, client, 'Alice Example · order #1001', 'closed', earlier, operator);
    await addSession(line, channel, client, 'Alice Example · broken mug', 'waiting', current, operator);
}
