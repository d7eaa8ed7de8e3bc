/**
 * Sign-in with a login and password; the browser keeps an httpOnly, SameSite session
 * cookie whose token is stored only as a hash. Failed sign-ins are throttled (see
 * login-throttle.ts) and take as long for an unknown login as for a known one.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HostError } from '../errors';
import type { RealtimeHub } from '../runtime/realtime-hub';
import type { Store, UserRecord } from '../store/store';
import { LoginThrottle, type LoginThrottleSettings } from './login-throttle';
import { verifyPassword, verifyAgainstNothing } from './passwords';

export const SESSION_COOKIE = 'brix_session';
const SESSION_DAYS = 14;

/** The login session a request's cookie belongs to. */
export interface LoginSession {
    /** The hash of the cookie's token: the session's key in the store. */
    key: string;
    expiresAt: number;
}

declare module 'fastify' {
    interface FastifyRequest {
        user: UserRecord | null;
        loginSession: LoginSession | null;
    }
}

export interface AuthOptions {
    /** The host's base URL: its cookie is `Secure` when the URL is https. */
    baseUrl: () => string;
    throttle?: Partial<LoginThrottleSettings>;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The user and login session a request's cookie belongs to, or null. */
export async function sessionFromCookie(store: Store, cookie: string | undefined): Promise<{ user: UserRecord; session: LoginSession } | null> {
    if (!cookie) return null;
    const key = tokenHash(cookie);
    const found = await store.system.logins.find(key, Date.now());
    if (!found) return null;
    const user = await store.system.users.get(found.userId);
    return user && user.status === 'active' ? { user, session: { key, expiresAt: found.expiresAt } } : null;
}

/** The signed-in user. @throws HostError UNAUTHORIZED */
export function requireUser(request: FastifyRequest): UserRecord {
    if (!request.user) throw new HostError('UNAUTHORIZED', 'Sign in first');
    return request.user;
}

export function publicUser(user: UserRecord) {
    return { id: user.id, login: user.login, fullname: user.fullname, email: user.email, timezone: user.timezone, groups: user.groups };
}

/** Blocks or re-activates a user; blocking ends their login sessions and closes their tabs' sockets. */
export async function setUserStatus(store: Store, hub: RealtimeHub, userId: string, status: UserRecord['status']): Promise<void> {
    await store.system.users.setStatus(userId, status);
    if (status === 'active') return;
    await store.system.logins.removeForUser(userId);
    hub.close(userId, 4401, 'The account is blocked');
}

export function registerAuth(app: FastifyInstance, store: Store, hub: RealtimeHub, options: AuthOptions): void {
    const throttle = new LoginThrottle(options.throttle);
    app.decorateRequest('user', null);
    app.decorateRequest('loginSession', null);
    app.addHook('onRequest', async (request) => {
        const found = await sessionFromCookie(store, request.cookies[SESSION_COOKIE]);
        request.user = found?.user ?? null;
        request.loginSession = found?.session ?? null;
    });

    app.post('/api/auth/login', async (request, reply: FastifyReply) => {
        const body = request.body as { login?: unknown; password?: unknown } | undefined;
        const fields: Record<string, string> = {};
        if (typeof body?.login !== 'string' || !body.login) fields.login = 'is required';
        if (typeof body?.password !== 'string' || !body.password) fields.password = 'is required';
        if (Object.keys(fields).length) throw new HostError('VALIDATION_FAILED', 'Login and password are required', { fields });
        const login = body!.login as string;
        const password = body!.password as string;
        const keys = { login, address: request.ip };
        const wait = throttle.waitSeconds(keys);
        if (wait > 0) {
            reply.header('retry-after', String(wait));
            throw new HostError('TOO_MANY_ATTEMPTS', `Too many failed sign-ins; try again in ${wait} s`, { retryAfter: wait });
        }
        const user = await store.system.users.byLogin(login);
        // An unknown login costs the same scrypt work as a known one, so timing tells nothing.
        const matches = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstNothing(password);
        if (!user || !matches || user.status !== 'active') {
            throttle.failed(keys);
            request.log.warn({ login, address: request.ip }, 'sign-in failed');
            throw new HostError('INVALID_CREDENTIALS', 'Wrong login or password');
        }
        throttle.succeeded(keys);
        const token = randomBytes(32).toString('base64url');
        await store.system.logins.create(tokenHash(token), user.id, Date.now() + SESSION_DAYS * 86_400_000);
        reply.setCookie(SESSION_COOKIE, token, {
            httpOnly: true, sameSite: 'lax', path: '/', maxAge: SESSION_DAYS * 86_400,
            secure: options.baseUrl().startsWith('https:') || request.protocol === 'https',
        });
        return { user: publicUser(user) };
    });

    app.post('/api/auth/logout', async (request, reply) => {
        const session = request.loginSession;
        if (session) {
            await store.system.logins.remove(session.key);
            hub.close(request.user!.id, 4401, 'Signed out', session.key);
        }
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
    });

    app.get('/api/auth/me', async (request) => ({ user: publicUser(requireUser(request)) }));
}
