/**
 * A local SMTP server for tests (the `smtp-server` package) on a free port of 127.0.0.1:
 * accepts every mail, records the sign-in and the envelope, and parses each mail with
 * mailparser so tests can look at headers, body and attachments as a mail program would.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
    /** The envelope recipients. */
    rcptTo: string[];
    /** `user:password` of the sign-in, or null without one. */
    login: string | null;
    raw: string;
    parsed: ParsedMail;
}

export interface SmtpCapture {
    port: number;
    mails: CapturedMail[];
    /** Refuses the next `count` mails with a temporary failure (451), as a busy server does. */
    refuseNext(count: number): void;
    /** How many mails were refused so far. */
    readonly refused: number;
    /** Resolves with the first captured mail (already there or arriving) that `match` accepts. */
    waitFor(match: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
    close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
    const mails: CapturedMail[] = [];
    const waiters = new Set<() => void>();
    let toRefuse = 0;
    let refused = 0;
    const server = new SMTPServer({
        authOptional: true, allowInsecureAuth: true, disabledCommands: ['STARTTLS'], logger: false,
        onAuth(auth, _session, done) {
            done(null, { user: `${auth.username}:${auth.password}` });
        },
        onMailFrom(_address, _session, done) {
            if (toRefuse > 0) {
                toRefuse--;
                refused++;
                return done(Object.assign(new Error('Try again later'), { responseCode: 451 }));
            }
            done();
        },
        onData(stream, session, done) {
            const chunks: Buffer[] = [];
            stream.on('data', (c: Buffer) => chunks.push(c));
            stream.on('end', () => {
                const raw = Buffer.concat(chunks);
                simpleParser(raw).then((parsed) => {
                    mails.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), login: (session.user as string | undefined) ?? null, raw: raw.toString('utf8'), parsed });
                    for (const wake of waiters) wake();
                    done();
                }, done);
            });
        },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        port: (server.server.address() as AddressInfo).port,
        mails,
        refuseNext(count) {
            toRefuse = count;
        },
        get refused() {
            return refused;
        },
        waitFor(match, timeoutMs = 10_000) {
            return new Promise((resolve, reject) => {
                const check = () => {
                    const found = mails.find(match);
                    if (!found) return;
                    clearTimeout(timer);
                    waiters.delete(check);
                    resolve(found);
                };
                const timer = setTimeout(() => { waiters.delete(check); reject(new Error(`No matching mail among ${mails.length}`)); }, timeoutMs);
                waiters.add(check);
                check();
            });
        },
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
}
