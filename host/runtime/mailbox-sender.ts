/**
 * Sends e-mail through an SMTP account a script names (`System.mailboxes.send`), e.g. a
 * help desk's own mailbox, as opposed to the platform's notification sender. Threading
 * headers are passed through so the recipient's mail program files a reply under the
 * conversation; attachments are stored files. Bounded in time, never retried here: the
 * caller retries from a durable timer, with the same Message-ID.
 */
import nodemailer from 'nodemailer';
import { HostError } from '../errors';
import { mailFailure, mailServerOf } from './mailbox-account';
import type { ScriptFiles } from './script-files';

export interface OutgoingMail {
    from: string;
    to: string[];
    cc?: string[];
    subject: string;
    text: string;
    html?: string;
    messageId?: string;
    inReplyTo?: string;
    references?: string[];
    attachments?: { fileId: string }[];
}

export interface SentMail {
    messageId: string;
    accepted: string[];
    rejected: string[];
}

const address = /^[^\s@<>,;"]+@[^\s@<>,;"]+$/;
const addresses = (list: unknown) => (Array.isArray(list) ? list : []).filter((a): a is string => typeof a === 'string' && address.test(a.trim())).map((a) => a.trim());

/** Message ids travel in angle brackets; a bare one gets them. */
const bracketed = (id: string) => (id.startsWith('<') ? id : `<${id}>`);

/**
 * @throws HostError VALIDATION_FAILED (account, no valid recipient), MAIL_FAILED (refused or timed out).
 */
export async function sendThroughAccount(account: unknown, mail: OutgoingMail, files: ScriptFiles): Promise<SentMail> {
    const smtp = mailServerOf(account, 'smtp');
    const to = addresses(mail.to);
    const cc = addresses(mail.cc);
    if (to.length + cc.length === 0) throw new HostError('VALIDATION_FAILED', 'The mail has no valid recipient');
    const transport = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.security === 'tls',
        requireTLS: smtp.security === 'starttls',
        ignoreTLS: smtp.security === 'none',
        auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
    });
    try {
        const info = await transport.sendMail({
            from: mail.from,
            to,
            cc: cc.length ? cc : undefined,
            subject: String(mail.subject ?? ''),
            text: String(mail.text ?? ''),
            html: mail.html,
            messageId: mail.messageId ? bracketed(mail.messageId) : undefined,
            inReplyTo: mail.inReplyTo ? bracketed(mail.inReplyTo) : undefined,
            references: mail.references?.length ? mail.references.map(bracketed) : undefined,
            attachments: (mail.attachments ?? []).map(({ fileId }) => {
                const file = files.read(fileId);
                return { filename: file.name, content: Buffer.from(file.content), contentType: file.contentType };
            }),
        });
        return {
            messageId: info.messageId,
            accepted: (info.accepted ?? []).map(String),
            rejected: (info.rejected ?? []).map(String),
        };
    } catch (error) {
        if (error instanceof HostError) throw error;
        throw new HostError('MAIL_FAILED', `The mail could not be sent: ${mailFailure(error)}`, undefined, 502);
    } finally {
        transport.close();
    }
}
