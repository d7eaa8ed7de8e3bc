/**
 * Sign-in with a login and password; the browser keeps an httpOnly, SameSite session
 * cookie whose token is stored only as a hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HostError } from '../errors';
import type { Store, UserRecord } from '../store/store';
import { verifyPassword } from './passwords';

export const SESSION_COOKIE = 'brix_session';
const SESSION_DAYS = 14;

declare module 'fastify' {
    interface FastifyRequest {
        user: UserRecord | null;
    }
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The user a request's cookie belongs to, or null. */
export async function userFromCookie(store: Store, cookie: string | undefined): Promise<UserRecord | null> {
    if (!cookie) return null;
    const userId = await store.system.logins.find(tokenHash(cookie), Date.now());
    if (!userId) return null;
    const user = await store.system.users.get(userId);
    return user && user.status === 'active' ? user : null;
}

/** The signed-in user. @throws HostError UNAUTHORIZED */
export function requireUser(request: FastifyRequest): UserRecord {
    if (!request.user) throw new HostError('UNAUTHORIZED', 'Sign in first');
    return request.user;
}

export function publicUser(user: UserRecord) {
    return { id: user.id, login: user.login, fullname: user.fullname, email: user.email, timezone: user.timezone, groups: user.groups };
}

export function registerAuth(app: FastifyInstance, store: Store): void {
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
        request.user = await userFromCookie(store, request.cookies[SESSION_COOKIE]);
    });

    app.post('/api/auth/login', async (request, reply: FastifyReply) => {
        const body = request.body as { login?: unknown; password?: unknown } | undefined;
        const fields: Record<string, string> = {};
        if (typeof body?.login !== 'string' || !body.login) fields.login = 'is required';
        if (typeof body?.password !== 'string' || !body.password) fields.password = 'is required';
        if (Object.keys(fields).length) throw new HostError('VALIDATION_FAILED', 'Login and password are required', { fields });
        const user = await store.system.users.byLogin(body!.login as string);
        if (!user || user.status !== 'active' || !(await verifyPassword(body!.password as string, user.passwordHash))) {
            throw new HostError('INVALID_CREDENTIALS', 'Wrong login or password');
        }
        const token = randomBytes(32).toString('base64url');
        await store.system.logins.create(tokenHash(token), user.id, Date.now() + SESSION_DAYS * 86_400_000);
        reply.setCookie(SESSION_COOKIE, token, {
            httpOnly: true, sameSite: 'lax', path: '/', maxAge: SESSION_DAYS * 86_400, secure: request.protocol === 'https',
        });
        return { user: publicUser(user) };
    });

    app.post('/api/auth/logout', async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (token) await store.system.logins.remove(tokenHash(token));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
    });

    app.get('/api/auth/me', async (request) => ({ user: publicUser(requireUser(request)) }));
}
