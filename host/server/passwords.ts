/**
 * Password hashing with scrypt (Node's own), stored as `scrypt$N$r$p$salt$hash`.
 */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
    new Promise<Buffer>((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));

const N = 16384;
const r = 8;
const p = 1;

export async function hashPassword(password: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scrypt(password, salt, 32, { N, r, p });
    return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
    const [kind, n, rr, pp, salt, hash] = stored.split('$');
    if (kind !== 'scrypt' || !salt || !hash) return false;
    const expected = Buffer.from(hash, 'base64');
    const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(rr), p: Number(pp) });
    return timingSafeEqual(key, expected);
}

let nothing: Promise<string> | undefined;

/**
 * Does the work of checking a password against a hash no password matches, for logins
 * that do not exist: a sign-in takes as long whether the login exists or not.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
    nothing ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(password, await nothing);
    return false;
}

/** A readable random password for generated accounts. */
export function generatePassword(): string {
    return randomBytes(12).toString('base64url');
}
