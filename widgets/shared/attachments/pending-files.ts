/**
 * Files picked in a reply composer before it is sent: each is uploaded to the host at once
 * (`Server.upload`) and goes with the reply as `{ name, url, size }`. The desk's composer and
 * the Live Chat Messages widget attach through this one path, and draw it with `attach.hbs`.
 */
import type { UploadedFile } from '@brix/sdk';

/** A file as the `reply` method and RPC take it (scripts/messages/attachments.ts); a type, not an interface, so that it fits in TJSON. */
export type ReplyFile = { name: string; url: string; size: number };

export class PendingFiles {
    private files: UploadedFile[] = [];

    get list(): readonly UploadedFile[] {
        return this.files;
    }

    /** Uploads what the input holds; a file the host refuses is named to `failed` and left out. */
    async pick(input: HTMLInputElement, failed: (text: string) => void): Promise<void> {
        for (const file of Array.from(input.files ?? [])) {
            try {
                this.files.push(await Server.upload(file));
            } catch (error) {
                failed(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
            }
        }
        // The same file may be picked again after it was removed.
        input.value = '';
    }

    /** Drops the file whose remove button (`data-index`) was pressed. */
    drop(event: Event): void {
        const index = Number((event.target as HTMLElement).closest('[data-index]')?.getAttribute('data-index'));
        if (Number.isInteger(index)) this.files.splice(index, 1);
    }

    /** The files to send, leaving none picked. */
    take(): UploadedFile[] {
        const taken = this.files;
        this.files = [];
        return taken;
    }

    clear(): void {
        this.files = [];
    }
}

export const replyFiles = (files: readonly UploadedFile[]): ReplyFile[] => files.map((f) => ({ name: f.name, url: f.url, size: f.size }));
