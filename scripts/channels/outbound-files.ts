/**
 * Attachments as a channel sends them to the client's side. An operator's upload is stored
 * by the host as `/api/files/<id>`, relative and behind sign-in, which a messenger cannot
 * fetch; it gets an absolute signed link instead, valid for `file_link_days`. A link the
 * attachment already had elsewhere is sent as it is.
 */
import type { TJSON } from '@brix/sdk';
import { readSettings } from '../settings/global-settings';

/** A type, not an interface, so that it fits in TJSON. */
export type OutboundFile = {
    name: string;
    size: number;
    URL: string;
};

const hostFile = /^\/api\/files\/([0-9a-f-]{36})$/;

export async function outboundFiles(attachments: TJSON | null): Promise<OutboundFile[]> {
    const list = (Array.isArray(attachments) ? attachments : []) as { name: string; size?: number; url: string }[];
    if (list.length === 0) return [];
    const ttlSeconds = (await readSettings()).file_link_days * 24 * 3600;
    return Promise.all(list.map(async (f) => {
        const id = hostFile.exec(f.url)?.[1];
        return { name: f.name, size: f.size ?? 0, URL: id ? await System.files.signedUrl(id, ttlSeconds) : f.url };
    }));
}
