/**
 * A mail server account as scripts give it (`System.mailboxes`): host, port, security and
 * credentials, checked once here for both IMAP and SMTP.
 */
import { HostError } from '../errors';

export type MailSecurity = 'none' | 'starttls' | 'tls';

export interface MailServer {
    host: string;
    port: number;
    security: MailSecurity;
    user: string;
    password: string;
}

const securities: readonly MailSecurity[] = ['none', 'starttls', 'tls'];

/** @throws HostError VALIDATION_FAILED naming the bad setting. */
export function mailServerOf(value: unknown, what: string): MailServer {
    const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const bad = (field: string, problem: string) => new HostError('VALIDATION_FAILED', `${what}.${field}: ${problem}`, { fields: { [`${what}.${field}`]: problem } });
    if (typeof v.host !== 'string' || !/^[A-Za-z0-9.:\-[\]]{1,255}$/.test(v.host)) throw bad('host', 'a host name or address is required');
    if (typeof v.port !== 'number' || !Number.isInteger(v.port) || v.port < 1 || v.port > 65535) throw bad('port', 'a port from 1 to 65535 is required');
    if (!securities.includes(v.security as MailSecurity)) throw bad('security', 'one of none, starttls, tls');
    if (v.user !== undefined && typeof v.user !== 'string') throw bad('user', 'text expected');
    if (v.password !== undefined && typeof v.password !== 'string') throw bad('password', 'text expected');
    return { host: v.host, port: v.port, security: v.security as MailSecurity, user: (v.user as string | undefined) ?? '', password: (v.password as string | undefined) ?? '' };
}

/** A message for a failure of the mail server that an administrator can act on. */
export function mailFailure(error: unknown): string {
    const e = error as { message?: string; responseText?: string; response?: string; code?: string; authenticationFailed?: boolean };
    if (e?.authenticationFailed) return 'The mail server refused the user name or password';
    const text = e?.responseText || e?.response || e?.message || String(error);
    return e?.code && !text.includes(e.code) ? `${text} (${e.code})` : text;
}
