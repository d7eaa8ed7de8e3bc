/**
 * A website chat channel's settings (SPEC §4 "Website chat"): the sites allowed to embed
 * it and how the bubble looks. The channel's secret (`token`, write-only) signs identified
 * visitors: the site sends HMAC-SHA256(visitor id, secret) in hex.
 */
import type { Channel } from '../../shared/apps';

export interface WebsiteSettings {
    /** Origins (`https://shop.example`) whose pages may open the chat; none means nobody. */
    allowedOrigins: string[];
    title: string;
    greeting: string;
    position: 'right' | 'left';
    /** A CSS colour for the bubble and the visitor's messages. */
    colour: string;
}

const colourPattern = /^#[0-9a-fA-F]{3,8}$/;

/** An origin as browsers send it: scheme, host and port, lower case, no path or trailing slash. */
export function normaliseOrigin(value: string): string | undefined {
    const match = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?\/?$/i.exec(value.trim());
    if (!match) return undefined;
    const [, scheme, host, port] = match;
    const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
    return `${scheme.toLowerCase()}://${host.toLowerCase()}${port && port !== defaultPort ? `:${port}` : ''}`;
}

export function websiteSettings(channel: Channel): WebsiteSettings {
    const s = channel.data.settings;
    const o = (typeof s === 'object' && s !== null && !Array.isArray(s) ? s : {}) as Record<string, unknown>;
    const text = (v: unknown, fallback: string, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : fallback);
    const origins = Array.isArray(o.allowed_origins) ? o.allowed_origins : [];
    return {
        allowedOrigins: origins.map((x) => (typeof x === 'string' ? normaliseOrigin(x) : undefined)).filter((x): x is string => Boolean(x)),
        title: text(o.title, channel.data.__name, 80),
        greeting: text(o.greeting, 'Hello! How can we help you?', 500),
        position: o.position === 'left' ? 'left' : 'right',
        colour: typeof o.colour === 'string' && colourPattern.test(o.colour) ? o.colour : '#2563eb',
    };
}

/** The snippet a site adds to its pages. */
export function websiteSnippet(channel: Channel): string {
    return `<script src="${System.baseUrl}/webchat/${channel.id}.js" async></script>`;
}
