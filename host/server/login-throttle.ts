/**
 * Slows down password guessing. Failed sign-ins are counted per login and per client
 * address; after a few free failures each further one makes that key wait, twice as long
 * each time up to a ceiling. A success clears the login's count (not the address's: an
 * attacker could otherwise clear it with an account of their own). Counts are forgotten
 * after an hour without failures, and kept in memory only: a restart forgets them.
 */
export interface LoginThrottleSettings {
    /** Failed sign-ins of one login after which it has to wait. */
    failuresPerLogin: number;
    /** Failed sign-ins from one client address after which it has to wait. */
    failuresPerAddress: number;
    /** The first wait, in seconds; each further failure doubles it. */
    delaySeconds: number;
    /** The longest wait, in seconds. */
    maxDelaySeconds: number;
}

export const defaultThrottleSettings: LoginThrottleSettings = { failuresPerLogin: 5, failuresPerAddress: 20, delaySeconds: 1, maxDelaySeconds: 900 };

/** The environment variables that set each setting (read by the CLI's `start`). */
export const throttleEnvironment: Record<keyof LoginThrottleSettings, string> = {
    failuresPerLogin: 'LOGIN_FAILURES_PER_LOGIN',
    failuresPerAddress: 'LOGIN_FAILURES_PER_ADDRESS',
    delaySeconds: 'LOGIN_DELAY_SECONDS',
    maxDelaySeconds: 'LOGIN_MAX_DELAY_SECONDS',
};

/** The settings given in the environment; others keep their defaults. @throws Error on a value that is not a whole number ≥ 0 */
export function throttleSettingsFromEnv(env: NodeJS.ProcessEnv): Partial<LoginThrottleSettings> {
    const settings: Partial<LoginThrottleSettings> = {};
    for (const [key, name] of Object.entries(throttleEnvironment) as [keyof LoginThrottleSettings, string][]) {
        const raw = env[name];
        if (raw === undefined || raw === '') continue;
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number of 0 or more, got ${raw}`);
        settings[key] = n;
    }
    return settings;
}

interface Count {
    failures: number;
    lastFailure: number;
    lockedUntil: number;
}

const FORGET_AFTER_MS = 3_600_000;
const MAX_KEYS = 10_000;

export class LoginThrottle {
    private readonly settings: LoginThrottleSettings;
    private readonly counts = new Map<string, Count>();

    constructor(settings: Partial<LoginThrottleSettings> = {}, private readonly now = () => Date.now()) {
        this.settings = { ...defaultThrottleSettings, ...settings };
    }

    /** Seconds the sign-in must wait (0: it may try now). */
    waitSeconds(keys: { login: string; address: string }): number {
        const until = Math.max(this.current(loginKey(keys.login))?.lockedUntil ?? 0, this.current(addressKey(keys.address))?.lockedUntil ?? 0);
        return Math.max(0, Math.ceil((until - this.now()) / 1000));
    }

    failed(keys: { login: string; address: string }): void {
        this.count(loginKey(keys.login), this.settings.failuresPerLogin);
        this.count(addressKey(keys.address), this.settings.failuresPerAddress);
    }

    succeeded(keys: { login: string }): void {
        this.counts.delete(loginKey(keys.login));
    }

    private current(key: string): Count | undefined {
        const count = this.counts.get(key);
        if (count && this.now() - count.lastFailure > FORGET_AFTER_MS) {
            this.counts.delete(key);
            return undefined;
        }
        return count;
    }

    private count(key: string, free: number): void {
        const now = this.now();
        const count = this.current(key) ?? { failures: 0, lastFailure: now, lockedUntil: 0 };
        count.failures += 1;
        count.lastFailure = now;
        const beyond = count.failures - free;
        if (beyond >= 0) {
            const delay = Math.min(this.settings.delaySeconds * 2 ** Math.min(beyond, 30), this.settings.maxDelaySeconds);
            count.lockedUntil = now + delay * 1000;
        }
        // Re-inserted so the map stays ordered by last failure and the oldest go first.
        this.counts.delete(key);
        this.counts.set(key, count);
        if (this.counts.size > MAX_KEYS) this.counts.delete(this.counts.keys().next().value!);
    }
}

const loginKey = (login: string) => `login:${login.toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;
