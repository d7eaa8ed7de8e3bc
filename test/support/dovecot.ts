/**
 * A private Dovecot IMAP server for tests: a generated config in a temp folder, a free port
 * on 127.0.0.1, one passwd-file user with a maildir, run in the foreground as the current
 * user (no system service). Needs Debian's dovecot-imapd (`/usr/sbin/dovecot`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const DOVECOT = '/usr/sbin/dovecot';

export interface Dovecot {
    port: number;
    user: string;
    password: string;
    dir: string;
    /** Stops the server, keeping its mail, as an outage would. */
    down(): Promise<void>;
    /** Starts it again on the same port after `down`. */
    up(): Promise<void>;
    stop(): Promise<void>;
}

async function freePort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((r) => server.close(r));
    return port;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
        const ok = await new Promise<boolean>((resolve) => {
            const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
            s.on('error', () => resolve(false));
        });
        if (ok) return;
        if (Date.now() > until) throw new Error(`Dovecot did not listen on ${port}`);
        await new Promise((r) => setTimeout(r, 50));
    }
}

/** A system user's ids from /etc/passwd. */
function systemUser(name: string): { uid: number; gid: number } {
    const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
    if (!line) throw new Error(`No system user ${name}: is dovecot-imapd installed?`);
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
}

export async function startDovecot(user = 'desk@example.test', password = 'mail-pass-1'): Promise<Dovecot> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dovecot-'));
    const port = await freePort();
    const { uid, gid, username } = os.userInfo();
    for (const sub of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    // Dovecot never lets mail be owned by root: as root, the mail user is Debian's `dovecot`.
    const mailOwner = uid === 0 ? systemUser('dovecot') : { uid, gid };
    if (uid === 0) fs.chmodSync(dir, 0o711);
    for (const sub of ['mail', 'home']) fs.chownSync(path.join(dir, sub), mailOwner.uid, mailOwner.gid);
    fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${mailOwner.uid}:${mailOwner.gid}::${path.join(dir, 'home', user)}\n`);
    const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = ${mailOwner.uid}
last_valid_uid = ${mailOwner.uid}
# Login and internal processes must not run as root: as root, Debian's own unprivileged users.
default_login_user = ${uid === 0 ? 'dovenull' : username}
default_internal_user = ${uid === 0 ? 'dovecot' : username}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
service auth {
  user = ${uid === 0 ? 'root' : username}
}
service auth-worker {
  user = ${uid === 0 ? 'root' : username}
}
`;
    fs.writeFileSync(path.join(dir, 'dovecot.conf'), config);
    let child = await run(dir, port);
    const halt = async () => {
        if (child.exitCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
    };
    return {
        port, user, password, dir,
        down: halt,
        async up() {
            if (child.exitCode === null) return;
            child = await run(dir, port);
        },
        async stop() {
            await halt();
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

/** Starts Dovecot on the generated config; resolves once it listens. */
async function run(dir: string, port: number): Promise<ChildProcess> {
    const child = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (c) => (output += c));
    child.stderr?.on('data', (c) => (output += c));
    try {
        await waitForPort(port, 10_000);
    } catch (e) {
        child.kill('SIGKILL');
        const log = fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : '';
        throw new Error(`${(e as Error).message}: ${output}${log}`);
    }
    return child;
}
