/**
 * Asks the messenger who an unknown external user is (`userInfo`), to fill the client
 * card. Best effort: a messenger that cannot answer must not stop the message itself.
 */
import type { Channel } from '../../shared/apps';
import { callMessenger } from './messenger-call';

export interface MessengerProfile {
    username?: string;
    phoneNumber?: string;
    avatar?: string;
    /** Given by channels that know the sender's name (a Telegram chat, a mail's From); wins over the username as the card's name. */
    displayName?: string;
    email?: string;
}

const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim() && v.length <= max ? v : undefined);

/** Keeps only well-formed values: an avatar must be an image data URL. */
export function profileFrom(value: unknown): MessengerProfile {
    const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
    const avatar = text(v.avatar, 1_000_000);
    return {
        username: text(v.username, 200),
        phoneNumber: text(v.phoneNumber, 40),
        avatar: avatar && /^data:image\/[a-z+.-]+;base64,/i.test(avatar) ? avatar : undefined,
    };
}

export async function requestUserInfo(channel: Channel, userId: string): Promise<MessengerProfile | undefined> {
    try {
        const res = await callMessenger(channel, 'userInfo', { userId }, 5_000);
        if (res.status !== 200) return undefined;
        return profileFrom(await res.json());
    } catch {
        return undefined;
    }
}
