/**
 * A client's mail as it lands in the help desk's inbox: composed by nodemailer (headers,
 * attachments, encodings as a mail program writes them) and put into the private Dovecot's
 * INBOX by IMAP APPEND, as the delivery agent would.
 */
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Dovecot } from '../../support/dovecot';

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

export async function composeMail(mail: Mail.Options): Promise<Buffer> {
    const info = await composer.sendMail(mail);
    return info.message as Buffer;
}

/** Appends each mail to the INBOX in one IMAP session; resolves once the server stored them. */
export async function deliverMail(dovecot: Dovecot, ...mails: Mail.Options[]): Promise<void> {
    const client = new ImapFlow({
        host: '127.0.0.1', port: dovecot.port, secure: false, doSTARTTLS: false,
        auth: { user: dovecot.user, pass: dovecot.password }, logger: false,
    });
    await client.connect();
    try {
        for (const mail of mails) await client.append('INBOX', await composeMail(mail));
    } finally {
        await client.logout();
    }
}
