/**
 * Watches IMAP mailboxes for scripts (`System.mailboxes.watch`). The host, not a script
 * call, owns each connection: it starts with the host, survives a script's end, and is
 * re-established after a failure with backoff. New mail is announced by IDLE where the
 * server offers it (imapflow falls back to NOOP polling otherwise), and the mailbox is
 * also looked at every `pollSeconds` in case a notice was missed.
 *
 * Every new mail is parsed, its attachments stored as files, and handed to the watch's
 * script, one at a time in UID order. The last UID handed over (with the mailbox's
 * UIDVALIDITY) is stored only after the script returned, so a crash or restart hands the
 * unfinished mail over again and never skips one; receivers stay idempotent by Message-ID.
 * Watches and their positions live in the host's storage and are resumed at start.
 */
import { ImapFlow } from 'imapflow';
import { simpleParser, type AddressObject } from 'mailparser';
import type { Store } from '../store/store';
import { detached } from './detached';
import type { Logger } from './logger';
import { mailFailure, mailServerOf, type MailServer } from './mailbox-account';
import type { ScriptFiles, StoredFileInfo } from './script-files';

/** The host's own storage area for watches (no extension id looks like this). */
const AREA = '#mailboxes';
const MAX_BACKOFF_MS = 60_000;
const BATCH = 20;

export interface WatchSpec {
    extensionId: string;
    /** The extension's key for the watch. */
    key: string;
    imap: MailServer;
    folder: string;
    /** Runs once per new mail, payload `{ key, mail }`. */
    script: string;
    /** Runs when the connection comes up or fails, payload `{ key, state, error }`. */
    statusScript: string | null;
    pollSeconds: number;
}

export interface MailAddress {
    address: string;
    name: string;
}

export interface IncomingMail {
    uid: number;
    messageId: string | null;
    inReplyTo: string | null;
    references: string[];
    subject: string;
    from: MailAddress | null;
    to: MailAddress[];
    cc: MailAddress[];
    replyTo: MailAddress[];
    date: string | null;
    text: string;
    html: string | null;
    attachments: StoredFileInfo[];
}

export interface WatchStatus {
    state: 'connecting' | 'connected' | 'error';
    error: string | null;
    uidValidity: string | null;
    lastUid: number | null;
}

interface Position {
    uidValidity: string;
    lastUid: number;
    /** Which account and folder the position belongs to: another one starts afresh. */
    account: string;
}

/** Runs an extension's script with `Context.data.payload`; false when the extension is gone. */
export type RunScript = (extensionId: string, script: string, payload: unknown) => Promise<boolean>;

const fullKey = (extensionId: string, key: string) => `${extensionId}:${key}`;
const accountOf = (spec: WatchSpec) => `${spec.imap.user}@${spec.imap.host}:${spec.imap.port}/${spec.folder}`;
const sleep = (ms: number, wake: Promise<void>) => Promise.race([new Promise<void>((r) => setTimeout(r, ms).unref()), wake]);

function addressesOf(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
    return (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value)
        .filter((a) => a.address).map((a) => ({ address: a.address!.toLowerCase(), name: a.name ?? '' }));
}

export function imapClient(imap: MailServer): ImapFlow {
    return new ImapFlow({
        host: imap.host,
        port: imap.port,
        secure: imap.security === 'tls',
        doSTARTTLS: imap.security === 'starttls' ? true : imap.security === 'none' ? false : undefined,
        auth: { user: imap.user, pass: imap.password },
        logger: false,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 5 * 60_000,
    });
}

class MailboxWatch {
    private stopped = false;
    private client: ImapFlow | undefined;
    private nudge: () => void = () => undefined;
    /** New mail or a closed connection was noticed since the last hand-over began. */
    private noticed = false;
    private stoppedSignal: Promise<void>;
    private stopSignal: () => void = () => undefined;
    private done: Promise<void> | undefined;
    status: WatchStatus = { state: 'connecting', error: null, uidValidity: null, lastUid: null };
    private reported: string | undefined;

    constructor(readonly spec: WatchSpec, private readonly deps: { store: Store; logger: Logger; files: ScriptFiles; run: RunScript }) {
        this.stoppedSignal = new Promise((r) => (this.stopSignal = r));
    }

    start(): void {
        this.done = detached(() => this.loop());
    }

    async stop(): Promise<void> {
        this.stopped = true;
        this.stopSignal();
        this.nudge();
        this.client?.close();
        await this.done;
    }

    private async loop(): Promise<void> {
        let failures = 0;
        while (!this.stopped) {
            try {
                await this.connection();
                failures = 0;
            } catch (error) {
                if (this.stopped) break;
                failures++;
                await this.report('error', mailFailure(error));
                await sleep(Math.min(1000 * 2 ** (failures - 1), MAX_BACKOFF_MS), this.stoppedSignal);
            }
        }
    }

    /** One connection's life: select the folder, hand over what is new, wait, repeat. */
    private async connection(): Promise<void> {
        const client = imapClient(this.spec.imap);
        this.client = client;
        // imapflow reports a broken socket as an event too; the failing command rejects as well.
        client.on('error', (err: unknown) => this.deps.logger.warn({ err, mailbox: this.spec.key }, 'IMAP connection error'));
        // A notice that comes while mail is being handed over is remembered, not lost.
        client.on('exists', () => this.notice());
        client.on('close', () => this.notice());
        await client.connect();
        const lock = await client.getMailboxLock(this.spec.folder);
        try {
            await this.report('connected', null);
            while (!this.stopped && client.usable) {
                this.noticed = false;
                await this.handOver(client);
                await this.waitForMail(client);
            }
        } finally {
            lock.release();
            await client.logout().catch(() => client.close());
        }
        if (!this.stopped) throw new Error('The IMAP server closed the connection');
    }

    private notice(): void {
        this.noticed = true;
        this.nudge();
    }

    /**
     * Until new mail is announced, the poll interval passes or the connection ends. imapflow
     * never idles on its own while a mailbox lock is held (this watch holds one for the
     * connection's life), so IDLE is started here; where the server lacks it, imapflow polls
     * with NOOP instead. The next command (the search for new mail) ends the IDLE.
     */
    private waitForMail(client: ImapFlow): Promise<void> {
        if (this.noticed || !client.usable) return Promise.resolve();
        const woken = new Promise<void>((resolve) => {
            const timer = setTimeout(() => this.nudge(), this.spec.pollSeconds * 1000);
            this.nudge = () => {
                clearTimeout(timer);
                this.nudge = () => undefined;
                resolve();
            };
        });
        // A failed IDLE shows as a closed connection, which wakes the loop as well.
        client.idle().catch(() => this.nudge());
        return woken;
    }

    private async handOver(client: ImapFlow): Promise<void> {
        const mailbox = client.mailbox;
        if (!mailbox) throw new Error(`The folder ${this.spec.folder} is not open`);
        const uidValidity = String(mailbox.uidValidity);
        let position = await this.position();
        if (!position || position.uidValidity !== uidValidity || position.account !== accountOf(this.spec)) {
            // A new watch starts with the mail that arrives from now on (an existing inbox is
            // not imported); a changed UIDVALIDITY invalidates every UID, so the folder is
            // handed over again and the receiver drops what it already has by Message-ID.
            const sameMailbox = position?.account === accountOf(this.spec);
            position = { uidValidity, account: accountOf(this.spec), lastUid: sameMailbox ? 0 : Math.max(0, mailbox.uidNext - 1) };
            await this.savePosition(position);
        }
        this.status = { ...this.status, uidValidity, lastUid: position.lastUid };
        while (!this.stopped) {
            const last: number = position.lastUid;
            const found: number[] = (await client.search({ uid: `${last + 1}:*` }, { uid: true })) || [];
            // `n:*` always matches the newest mail, even one below n.
            const uids = found.filter((uid) => uid > last).sort((a, b) => a - b).slice(0, BATCH);
            if (uids.length === 0) return;
            for (const uid of uids) {
                if (this.stopped) return;
                const message = await client.fetchOne(String(uid), { source: true, uid: true }, { uid: true });
                if (message && message.source) {
                    const mail = await this.parse(uid, message.source);
                    const handled = await this.deps.run(this.spec.extensionId, this.spec.script, { key: this.spec.key, mail });
                    if (!handled) return;
                }
                position = { ...position, lastUid: uid };
                await this.savePosition(position);
                this.status = { ...this.status, lastUid: uid };
            }
        }
    }

    private async parse(uid: number, source: Buffer): Promise<IncomingMail> {
        const parsed = await simpleParser(source, { skipImageLinks: true });
        const references = typeof parsed.references === 'string' ? [parsed.references] : parsed.references ?? [];
        return {
            uid,
            messageId: parsed.messageId ?? null,
            inReplyTo: parsed.inReplyTo ?? null,
            references,
            subject: parsed.subject ?? '',
            from: addressesOf(parsed.from)[0] ?? null,
            to: addressesOf(parsed.to),
            cc: addressesOf(parsed.cc),
            replyTo: addressesOf(parsed.replyTo),
            date: parsed.date ? parsed.date.toISOString() : null,
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            attachments: parsed.attachments.map((a, i) => this.deps.files.create(a.filename || `attachment-${i + 1}`, a.content, a.contentType)),
        };
    }

    private async report(state: 'connected' | 'error', error: string | null): Promise<void> {
        this.status = { ...this.status, state, error };
        const signature = `${state}:${error ?? ''}`;
        if (signature === this.reported || !this.spec.statusScript) return;
        this.reported = signature;
        await this.deps.run(this.spec.extensionId, this.spec.statusScript, { key: this.spec.key, state, error })
            .catch((err: unknown) => this.deps.logger.error({ err, mailbox: this.spec.key }, 'mailbox status script failed'));
    }

    private async position(): Promise<Position | undefined> {
        return (await this.deps.store.system.storage.get(AREA, `position:${fullKey(this.spec.extensionId, this.spec.key)}`)) as Position | undefined;
    }

    private savePosition(position: Position): Promise<void> {
        return this.deps.store.system.storage.set(AREA, `position:${fullKey(this.spec.extensionId, this.spec.key)}`, position);
    }
}

/** Every watch of the host, resumed at start and stopped with the host. */
export class MailboxWatchers {
    private readonly watches = new Map<string, MailboxWatch>();
    private started = false;

    constructor(private readonly deps: { store: Store; logger: Logger; files: ScriptFiles; run: RunScript }) {}

    /** Resumes the stored watches. */
    async start(): Promise<void> {
        this.started = true;
        for (const key of await this.index()) {
            const spec = (await this.deps.store.system.storage.get(AREA, `watch:${key}`)) as WatchSpec | undefined;
            if (spec) this.begin(spec);
        }
    }

    async stop(): Promise<void> {
        this.started = false;
        await Promise.all([...this.watches.values()].map((w) => w.stop()));
        this.watches.clear();
    }

    /** Stores the watch (replacing one with the same key) and starts it. */
    async watch(input: Omit<WatchSpec, 'imap'> & { imap: unknown }): Promise<void> {
        const spec: WatchSpec = { ...input, imap: mailServerOf(input.imap, 'imap') };
        const key = fullKey(spec.extensionId, spec.key);
        await this.markStart(spec);
        await this.deps.store.system.storage.set(AREA, `watch:${key}`, spec);
        const index = await this.index();
        if (!index.includes(key)) await this.deps.store.system.storage.set(AREA, 'index', [...index, key]);
        await this.watches.get(key)?.stop();
        if (this.started) this.begin(spec);
    }

    /** Stops and forgets the watch; its position is kept for a later watch of the same mailbox. */
    async unwatch(extensionId: string, key: string): Promise<void> {
        const full = fullKey(extensionId, key);
        await this.deps.store.system.storage.remove(AREA, `watch:${full}`);
        await this.deps.store.system.storage.set(AREA, 'index', (await this.index()).filter((k) => k !== full));
        await this.watches.get(full)?.stop();
        this.watches.delete(full);
    }

    /**
     * A new watch starts with the mail that arrives from the moment it is set, not from its
     * first connection: mail that lands before the watch first connects (the host stopping
     * meanwhile, say) is handed over too. The folder's next UID is asked for now; when the
     * server can't be reached, the first connection marks the start instead.
     */
    private async markStart(spec: WatchSpec): Promise<void> {
        const positionKey = `position:${fullKey(spec.extensionId, spec.key)}`;
        const known = (await this.deps.store.system.storage.get(AREA, positionKey)) as Position | undefined;
        if (known?.account === accountOf(spec)) return;
        const client = imapClient(spec.imap);
        client.on('error', () => undefined);
        try {
            await client.connect();
            const status = await client.status(spec.folder, { uidNext: true, uidValidity: true });
            if (status && status.uidNext !== undefined && status.uidValidity !== undefined) {
                await this.deps.store.system.storage.set(AREA, positionKey, { uidValidity: String(status.uidValidity), account: accountOf(spec), lastUid: Math.max(0, status.uidNext - 1) } satisfies Position);
            }
        } catch (err) {
            this.deps.logger.warn({ err, mailbox: spec.key }, 'could not mark where a new mailbox watch starts');
        } finally {
            await client.logout().catch(() => client.close());
        }
    }

    status(extensionId: string, key: string): WatchStatus | undefined {
        return this.watches.get(fullKey(extensionId, key))?.status;
    }

    private begin(spec: WatchSpec): void {
        const watch = new MailboxWatch(spec, this.deps);
        this.watches.set(fullKey(spec.extensionId, spec.key), watch);
        watch.start();
    }

    private async index(): Promise<string[]> {
        const value = await this.deps.store.system.storage.get(AREA, 'index');
        return Array.isArray(value) ? (value as string[]) : [];
    }
}

/**
 * Signs in to the IMAP server and opens the folder once, for a script to learn at once
 * whether an account works. @returns null when it does, or the server's reason.
 */
export async function checkImapAccount(account: unknown, folder: string): Promise<string | null> {
    const client = imapClient(mailServerOf(account, 'imap'));
    client.on('error', () => undefined);
    try {
        await client.connect();
        const lock = await client.getMailboxLock(folder);
        lock.release();
        return null;
    } catch (error) {
        return mailFailure(error);
    } finally {
        await client.logout().catch(() => client.close());
    }
}
