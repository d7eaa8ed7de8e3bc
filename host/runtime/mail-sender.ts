/**
 * Outgoing e-mail for scripts (`System.mail`), through the SMTP server the administrator
 * sets up. The settings live in the host's own storage; the password is write-only: it is
 * never answered, and a change that leaves it out keeps it. Each send is bounded by
 * timeouts and not retried here: a script retries with a durable timer, giving a stable
 * Message-ID so that a repeat can be recognised.
 */
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { HostError } from '../errors';
import type { Store } from '../store/store';

/** The host's own storage rows are kept under an id no extension can have. */
const HOST_STORAGE = '#host';
const KEY = 'mail';

export interface MailSettings {
    host: string;
    port: number;
    /** none: plain; starttls: upgrade required; tls: TLS from the start (465). */
    security: 'none' | 'starttls' | 'tls';
    user: string | null;
    password: string | null;
    from: string;
    timeoutMs: number;
}

export interface MailMessage {
    to: readonly string[];
    subject: string;
    text: string;
    html?: string;
    messageId?: string;
}

const address = z.string().trim().min(3).max(320).regex(/^[^\s@<>]+@[^\s@<>]+$/, 'expected an e-mail address');

/** What an administrator may send; absent fields keep their stored values. */
export const mailSettingsInput = z.object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65_535),
    security: z.enum(['none', 'starttls', 'tls']),
    user: z.string().max(320).nullable(),
    password: z.string().max(1000).nullable(),
    from: address,
    timeoutMs: z.number().int().min(1000).max(120_000),
}).partial().strict();

const defaults: Omit<MailSettings, 'host' | 'from'> = { port: 587, security: 'starttls', user: null, password: null, timeoutMs: 15_000 };

export class MailSender {
    constructor(private readonly store: Store) {}

    async settings(): Promise<MailSettings | undefined> {
        const stored = (await this.store.system.storage.get(HOST_STORAGE, KEY)) as MailSettings | undefined;
        return stored?.host && stored.from ? stored : undefined;
    }

    /** The settings as an administrator sees them: the password only as set or not. */
    async view(): Promise<Record<string, unknown>> {
        const s = ((await this.store.system.storage.get(HOST_STORAGE, KEY)) ?? {}) as Partial<MailSettings>;
        return { ...defaults, host: '', from: '', ...s, password: { set: Boolean(s.password) } };
    }

    /** @throws HostError VALIDATION_FAILED listing every bad field; nothing is saved then. */
    async save(changes: unknown): Promise<Record<string, unknown>> {
        const parsed = mailSettingsInput.safeParse(changes);
        if (!parsed.success) {
            throw new HostError('VALIDATION_FAILED', 'The mail settings are not valid', { fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'body', i.message])) });
        }
        const current = ((await this.store.system.storage.get(HOST_STORAGE, KEY)) ?? {}) as Partial<MailSettings>;
        await this.store.system.storage.set(HOST_STORAGE, KEY, { ...defaults, ...current, ...parsed.data });
        return this.view();
    }

    async configured(): Promise<boolean> {
        return (await this.settings()) !== undefined;
    }

    /** @throws HostError MAIL_NOT_CONFIGURED, VALIDATION_FAILED (no recipient), MAIL_FAILED (the server refused or did not answer). */
    async send(message: MailMessage): Promise<void> {
        const s = await this.settings();
        if (!s) throw new HostError('MAIL_NOT_CONFIGURED', 'Outgoing mail is not set up', undefined, 503);
        const to = message.to.filter((a) => address.safeParse(a).success);
        if (to.length === 0) throw new HostError('VALIDATION_FAILED', 'The message has no valid recipient', { to: 'expected e-mail addresses' });
        const transport = nodemailer.createTransport({
            host: s.host, port: s.port, secure: s.security === 'tls', requireTLS: s.security === 'starttls', ignoreTLS: s.security === 'none',
            auth: s.user ? { user: s.user, pass: s.password ?? '' } : undefined,
            connectionTimeout: s.timeoutMs, greetingTimeout: s.timeoutMs, socketTimeout: s.timeoutMs,
        });
        try {
            await transport.sendMail({
                from: s.from, to: [...to], subject: message.subject, text: message.text,
                ...(message.html ? { html: message.html } : {}), ...(message.messageId ? { messageId: message.messageId } : {}),
            });
        } catch (error) {
            throw new HostError('MAIL_FAILED', `The mail server did not take the message: ${error instanceof Error ? error.message : String(error)}`, undefined, 502);
        } finally {
            transport.close();
        }
    }
}
