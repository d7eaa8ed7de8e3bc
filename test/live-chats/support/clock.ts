/**
 * A clock tests can move: `Date.now()` (which the host, its scripts and their timers read)
 * runs on from a chosen moment at the real pace, and jumps when told; the host's scheduler
 * is then poked, so timers that fell due run without waiting for its next look.
 */
import type { TestHost } from '../../support/test-host';

export interface TestClock {
    now(): number;
    /** Jumps to `at`, then keeps running. */
    set(at: number): void;
    advance(ms: number, host?: TestHost): void;
    /** Back to the real time. */
    reset(): void;
    restore(): void;
}

export function controllableClock(): TestClock {
    const real = Date.now.bind(Date);
    let offset = 0;
    const spy = jest.spyOn(Date, 'now').mockImplementation(() => real() + offset);
    return {
        now: () => real() + offset,
        set(at) {
            offset = at - real();
        },
        advance(ms, host) {
            offset += ms;
            host?.host.scheduler.poke();
        },
        reset() {
            offset = 0;
        },
        restore: () => spy.mockRestore(),
    };
}

/** Polls `probe` until it gives a value, for up to `attempts` × 20 ms of real time. */
export async function settle<T>(probe: () => Promise<T | undefined | false | null>, attempts = 250): Promise<T> {
    for (let i = 0; i < attempts; i += 1) {
        const value = await probe();
        if (value) return value;
        await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('Condition not met in time');
}
