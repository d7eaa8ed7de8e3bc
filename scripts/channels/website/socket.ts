/**
 * The website chat's guest socket (manifest `sockets`: `webchat`): the widget on a site
 * opens it for each visitor. Opening checks the channel, the page's origin and who the
 * visitor is, and answers how the bubble looks and the conversation so far; frames carry
 * what the visitor writes, through the same inbound pipeline as every channel.
 */
import type { GuestAdmission, GuestSocketEvent, GuestUpload, TJSON } from '@brix/sdk';
import { findClient } from '../../inbound/client';
import { latestSession } from '../../inbound/open-session';
import type { Attachment } from '../../messages/attachments';
import { receiveInbound } from '../../inbound/pipeline';
import { onlineAmong } from '../../operators/status';
import { lineOperators } from '../../routing/snapshot';
import { loadLine } from '../../sessions/load';
import type { Channel, Client, Line } from '../../shared/apps';
import { isWellFormed } from '../../shared/well-formed-text';
import { visitorHistory, visitorMessage } from './conversation';
import { markDelivered } from './deliver';
import { websiteSettings } from './settings';
import { VisitorRefused, visitorOf, visitorState, visitorTopic, type Visitor } from './visitor';

const MAX_TEXT = 4000;
const clientIdPattern = /^[A-Za-z0-9_-]{1,64}$/;

async function websiteChannel(id: unknown): Promise<Channel | undefined> {
    if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const channel = await Namespace.app.channels.search().where((f) => f.__id.eq(id)).first();
    return channel?.data.kind.code === 'website' ? channel : undefined;
}

const refuse = (message: string) => new ApiError('FORBIDDEN', message, 403);

async function anyoneOnline(line: Line): Promise<boolean> {
    return (await onlineAmong([...(await lineOperators(line)).keys()])).size > 0;
}

async function admit(socket: Extract<GuestSocketEvent, { event: 'open' }>): Promise<GuestAdmission> {
    const channel = await websiteChannel(socket.query.channel);
    if (!channel || channel.data.state?.code !== 'active') throw refuse('This chat is not available');
    const settings = websiteSettings(channel);
    if (!socket.origin || !settings.allowedOrigins.includes(socket.origin)) throw refuse('This site may not open this chat');
    let visitor: Visitor;
    try {
        visitor = visitorOf(channel, socket.query);
    } catch (error) {
        if (error instanceof VisitorRefused) throw refuse(error.message);
        throw error;
    }
    const client = await findClient(channel, { externalUserId: visitor.key });
    const session = client && (await latestSession(channel, client));
    const line = await loadLine(channel.data.line.id);
    const history = session ? await visitorHistory(session, line, settings.title, visitor.key) : [];
    // What the visitor sees now has reached them.
    if (session) await markDelivered(session.id);
    return {
        topics: [visitorTopic(channel.id, visitor.key)],
        state: visitorState(channel, visitor),
        guest: `${channel.id}:${visitor.key}`,
        hello: {
            title: settings.title, greeting: settings.greeting, position: settings.position, colour: settings.colour,
            online: await anyoneOnline(line), identified: visitor.identified, history,
        },
    };
}

const MAX_FILES = 10;

/** The files a frame names, among those the visitor's socket uploaded. */
function filesOf(value: TJSON | undefined, uploads: readonly GuestUpload[]): Attachment[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value) || value.length > MAX_FILES) throw new ApiError('VALIDATION_FAILED', `files: at most ${MAX_FILES} uploaded file ids`, 400);
    return value.map((id) => {
        const file = uploads.find((u) => u.id === id);
        if (!file) throw new ApiError('VALIDATION_FAILED', 'files: upload a file before sending it', 400);
        return { name: file.name, url: `/api/files/${file.id}`, size: file.size };
    });
}

function textOf(value: TJSON | undefined, withFiles: boolean): string {
    if (withFiles && (value === undefined || value === null || value === '')) return '';
    if (typeof value !== 'string' || !value.trim()) throw new ApiError('VALIDATION_FAILED', 'Write a message first', 400);
    if (value.length > MAX_TEXT) throw new ApiError('VALIDATION_FAILED', `A message is at most ${MAX_TEXT} characters`, 400);
    if (!isWellFormed(value)) throw new ApiError('VALIDATION_FAILED', 'The message has invalid characters', 400);
    return value;
}

/** UTM tags and the page the visitor wrote from, kept on the session they start. */
function visitContext(body: Record<string, TJSON>): Record<string, string> | null {
    const out: Record<string, string> = {};
    if (typeof body.page === 'string' && /^https?:\/\//.test(body.page)) out.page = body.page.slice(0, 1000);
    const utm = body.utm;
    if (typeof utm === 'object' && utm !== null && !Array.isArray(utm)) {
        for (const key of ['source', 'medium', 'campaign', 'term', 'content']) {
            const v = utm[key];
            if (typeof v === 'string' && v) out[`utm_${key}`] = v.slice(0, 200);
        }
    }
    return Object.keys(out).length ? out : null;
}

async function remember(client: Client, visitor: Visitor, name: string | null, email: string | null): Promise<void> {
    const address = email ?? visitor.email;
    let changed = false;
    if (address && client.data.email?.email !== address) {
        client.data.email = { type: 'work', email: address };
        changed = true;
    }
    if (name && client.data.__name !== name) {
        client.data.__name = name;
        changed = true;
    }
    if (changed) await client.save();
}

interface VisitorState {
    channelId: string;
    key: string;
    identified: boolean;
    name: string;
    email: string | null;
}

async function write(state: VisitorState, body: Record<string, TJSON>, offline: boolean, uploads: readonly GuestUpload[]): Promise<TJSON> {
    const channel = await websiteChannel(state.channelId);
    if (!channel || channel.data.state?.code !== 'active') throw new ApiError('CHANNEL_INACTIVE', 'This chat is not available', 409);
    const clientId = body.clientId;
    if (typeof clientId !== 'string' || !clientIdPattern.test(clientId)) throw new ApiError('VALIDATION_FAILED', 'clientId: 1 to 64 letters, digits, - or _', 400);
    const attachments = offline ? [] : filesOf(body.files, uploads);
    const text = textOf(body.text, attachments.length > 0);
    let name: string | null = null;
    let email: string | null = null;
    if (offline) {
        name = typeof body.name === 'string' && body.name.trim() ? body.name.trim().slice(0, 120) : null;
        email = typeof body.email === 'string' && /^[^\s@]{1,64}@[^\s@]{1,255}$/.test(body.email.trim()) ? body.email.trim() : null;
        if (!email) throw new ApiError('VALIDATION_FAILED', 'Leave an e-mail address so that we can answer', 400, { email: 'required' });
    }
    const visitor: Visitor = { key: state.key, identified: state.identified, name: state.name, email: state.email };
    const result = await receiveInbound({
        channel, externalMessageId: `${visitor.key}:${clientId}`, externalChatId: visitor.key, externalChatName: name ?? visitor.name,
        sender: { externalUserId: visitor.key }, senderName: name ?? visitor.name, text, attachments,
        // The address is checked against the blocklist like any channel's.
        profile: email ?? visitor.email ? { email: (email ?? visitor.email)! } : undefined,
    });
    const message = result.message;
    const client = message.data.client ? await message.data.client.fetch() : undefined;
    if (client) await remember(client, visitor, name, email);
    if (!result.duplicate) {
        const context = visitContext(body);
        const session = await message.data.session.fetch();
        let changed = false;
        if (context && !session.data.utm) {
            session.data.utm = context;
            changed = true;
        }
        // Nobody was there to answer: the visitor is answered at the address they left too.
        if (email && session.data.reply_email !== email) {
            session.data.reply_email = email;
            changed = true;
        }
        if (changed) await session.save();
    }
    const line = await loadLine(channel.data.line.id);
    return { message: await visitorMessage(message, line, websiteSettings(channel).title, visitor.key), duplicate: result.duplicate };
}

/** Guest socket script. */
export async function webchatSocket(): Promise<TJSON | GuestAdmission> {
    const socket = Context.data.socket as unknown as GuestSocketEvent;
    if (socket.event === 'open') return admit(socket);
    const body = socket.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError('VALIDATION_FAILED', 'A frame body is an object with a type', 400);
    const state = socket.state as unknown as VisitorState;
    if (body.type === 'message') return write(state, body, false, socket.uploads);
    if (body.type === 'offline') return write(state, body, true, socket.uploads);
    throw new ApiError('VALIDATION_FAILED', `Unknown frame type ${String(body.type)}`, 400);
}

