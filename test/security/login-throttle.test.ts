/**
 * Password guessing is slowed per login and per client address, answers do not tell
 * which logins exist, and a successful sign-in clears the login's count.
 */
import { startTestHost, type TestHost } from '../support/test-host';
import { LoginThrottle } from '../../host/server/login-throttle';

describe('sign-in throttling', () => {
    let t: TestHost;
    beforeEach(async () => {
        t = await startTestHost();
    });
    afterEach(() => t.close());

    const attempt = (login: string, password: string, address = '10.0.0.1') =>
        t.host.server.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password }, remoteAddress: address });

    it('answers 429 with Retry-After after five wrong passwords, even for the right one', async () => {
        for (let i = 0; i < 5; i++) expect((await attempt('admin', `guess-${i}`)).statusCode).toBe(401);
        const refused = await attempt('admin', 'demo-password-1');
        expect(refused.statusCode).toBe(429);
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(refused.json().error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.any(String) });
        // The login is throttled from any address, and other logins are not.
        expect((await attempt('admin', 'demo-password-1', '10.0.0.2')).statusCode).toBe(429);
        expect((await attempt('reader', 'demo-password-1', '10.0.0.2')).statusCode).toBe(200);
    });

    it('throttles one address guessing many logins', async () => {
        for (let i = 0; i < 20; i++) expect((await attempt(`user${i}`, 'x')).statusCode).toBe(401);
        expect((await attempt('reader', 'demo-password-1')).statusCode).toBe(429);
        expect((await attempt('reader', 'demo-password-1', '10.0.0.9')).statusCode).toBe(200);
    });

    it('lets many successful sign-ins through, and a success clears the failures', async () => {
        for (let i = 0; i < 30; i++) await t.login('reader');
        for (let i = 0; i < 4; i++) await attempt('reader', 'wrong');
        expect((await attempt('reader', 'demo-password-1')).statusCode).toBe(200);
        for (let i = 0; i < 4; i++) expect((await attempt('reader', 'wrong')).statusCode).toBe(401);
    });

    it('takes as long for an unknown login as for a known one', async () => {
        const time = async (login: string) => {
            const started = process.hrtime.bigint();
            for (let i = 0; i < 3; i++) await attempt(login, 'wrong', `10.1.0.${i}`);
            return Number(process.hrtime.bigint() - started) / 1e6;
        };
        await time('admin');
        const known = await time('reader');
        const unknown = await time('nobody-here');
        // Both do the same scrypt work; without it the unknown login answers ~20x faster.
        expect(unknown).toBeGreaterThan(known / 3);
    });

    it('doubles the wait with every further failure up to the ceiling', () => {
        let now = 0;
        const throttle = new LoginThrottle({ failuresPerLogin: 2, delaySeconds: 10, maxDelaySeconds: 30 }, () => now);
        const keys = { login: 'a', address: 'x' };
        const waits = [1, 2, 3, 4, 5].map(() => {
            throttle.failed(keys);
            return throttle.waitSeconds(keys);
        });
        expect(waits).toEqual([0, 10, 20, 30, 30]);
        now += 30_000;
        expect(throttle.waitSeconds(keys)).toBe(0);
    });
});
