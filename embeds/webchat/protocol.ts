/**
 * What the website chat's socket says (the extension's `webchat` guest socket): the
 * greeting and history on opening, replies to frames, and pushed messages.
 */

export interface ChatMessage {
    id: string;
    clientId: string | null;
    from: 'visitor' | 'operator' | 'bot';
    name: string;
    text: string;
    files: { name: string; size: number; URL: string }[];
    at: string;
    edited: boolean;
}

export interface Hello {
    title: string;
    greeting: string;
    position: 'right' | 'left';
    colour: string;
    online: boolean;
    identified: boolean;
    history: ChatMessage[];
}

export type ServerFrame =
    | { type: 'hello'; payload: Hello; upload?: string }
    | { type: 'reply'; id: string | number | null; result: { message: ChatMessage; duplicate: boolean } }
    | { type: 'error'; id: string | number | null; code: string; message: string }
    | { type: 'event'; event: string; payload: ChatMessage };

/** Who the site says the visitor is (`window.BrixChat = { visitor: { id, name, email, hash } }`). */
export interface SiteVisitor {
    id: string;
    name?: string;
    email?: string;
    /** HMAC-SHA256 of `id` with the channel's secret, in hex, computed by the site's server. */
    hash: string;
}
