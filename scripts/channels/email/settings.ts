/**
 * An e-mail channel's settings: the IMAP and SMTP servers (host, port, security), the user,
 * the from address and an optional signature; the password is the channel's write-only `token`.
 */
import type { MailServerAccount, TJSON } from '@brix/sdk';
import type { Channel } from '../../shared/apps';

export interface EmailSettings {
    imap: MailServerAccount;
    smtp: MailServerAccount;
    from: string;
    /** The bare address of `from`, lower-cased, to recognise our own mail. */
    address: string;
    signature: string;
}

type Security = MailServerAccount['security'];
const securityOf = (v: TJSON | undefined, port: number): Security =>
    v === 'none' || v === 'starttls' || v === 'tls' ? v : port === 993 || port === 465 ? 'tls' : 'starttls';

export function emailSettings(channel: Channel): EmailSettings {
    const s = channel.data.settings;
    const o = (typeof s === 'object' && s !== null && !Array.isArray(s) ? s : {}) as Record<string, TJSON>;
    const text = (v: TJSON | undefined) => (typeof v === 'string' ? v.trim() : '');
    const port = (v: TJSON | undefined, fallback: number) => (typeof v === 'number' ? v : Number(v) || fallback);
    const user = text(o.user);
    const password = channel.data.token ?? '';
    const imapPort = port(o.imap_port, 993);
    const smtpPort = port(o.smtp_port, 587);
    const from = text(o.from) || user;
    return {
        imap: { host: text(o.imap_host), port: imapPort, security: securityOf(o.imap_security, imapPort), user, password },
        smtp: { host: text(o.smtp_host), port: smtpPort, security: securityOf(o.smtp_security, smtpPort), user, password },
        from,
        address: (/<([^>]+)>/.exec(from)?.[1] ?? from).toLowerCase(),
        signature: typeof o.signature === 'string' ? o.signature : '',
    };
}

/** What is missing for the channel to work, or null. */
export function missingSetting(s: EmailSettings): string | null {
    if (!s.imap.host) return 'No IMAP host';
    if (!s.smtp.host) return 'No SMTP host';
    if (!s.imap.user) return 'No mailbox user';
    if (!/^[^\s@]+@[^\s@]+$/.test(s.address)) return 'No valid from address';
    return null;
}
