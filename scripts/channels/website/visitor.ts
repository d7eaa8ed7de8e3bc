/**
 * Who is writing from a site. An anonymous visitor is one visit: the widget keeps a random
 * visit id while the visitor keeps browsing, and a new visit is a new client and session.
 * An identified visitor is vouched for by the site — its id signed with the channel's
 * secret — and finds their conversation again on any device.
 */
import type { TJSON } from '@brix/sdk';
import type { Channel } from '../../shared/apps';

export interface Visitor {
    /** The client's external user id on the channel: `visit:<id>` or `user:<id>`. */
    key: string;
    identified: boolean;
    name: string;
    email: string | null;
}

const idPattern = /^[A-Za-z0-9._:@-]{1,128}$/;
const emailPattern = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/** Why a visitor is refused; the socket closes with this message. */
export class VisitorRefused extends Error {}

/**
 * The visitor the socket's query names: `visit` for an anonymous visit, or `user`, `name`,
 * `email` and `hash` for one the site identified.
 * @throws VisitorRefused for a missing or malformed id, or a signature that does not match.
 */
export function visitorOf(channel: Channel, query: Readonly<Record<string, string>>): Visitor {
    if (query.user !== undefined) {
        if (!idPattern.test(query.user)) throw new VisitorRefused('The visitor id is not valid');
        const secret = channel.data.token ?? '';
        const expected = secret ? System.crypto.hmac('sha256', secret, query.user) : '';
        if (!secret || !System.crypto.equal(expected, String(query.hash ?? '').toLowerCase())) throw new VisitorRefused('The visitor signature does not match');
        const email = query.email && emailPattern.test(query.email) ? query.email : null;
        return { key: `user:${query.user}`, identified: true, name: (query.name ?? '').trim().slice(0, 120) || email || `Visitor ${query.user}`, email };
    }
    if (!query.visit || !idPattern.test(query.visit)) throw new VisitorRefused('The visit id is missing or not valid');
    return { key: `visit:${query.visit}`, identified: false, name: `Visitor ${query.visit.slice(0, 6)}`, email: null };
}

export function visitorState(channel: Channel, visitor: Visitor): TJSON {
    return { channelId: channel.id, key: visitor.key, identified: visitor.identified, name: visitor.name, email: visitor.email };
}

/** The topic a visitor's sockets follow: replies to them are pushed there. */
export function visitorTopic(channelId: string, key: string): string {
    return `live_chats.webchat:${channelId}:${key}`;
}
