/**
 * `GET /api/users?q=&ids=`: users for the pickers of user fields and for showing the names
 * behind user ids. Any signed-in user may look colleagues up, as in a company directory.
 */
import type { FastifyInstance } from 'fastify';
import { requireUser } from '../server/auth';
import type { Filter, Store, UserRecord } from '../store/store';

const card = (u: UserRecord) => ({ id: u.id, fullname: u.fullname, login: u.login, email: u.email });

export function registerUsersLookup(server: FastifyInstance, store: Store): void {
    server.get('/api/users', async (request) => {
        requireUser(request);
        const query = request.query as { q?: string; ids?: string };
        if (query.ids) {
            const ids = query.ids.split(',').filter(Boolean).slice(0, 100);
            const users = await Promise.all(ids.map((id) => store.system.users.get(id)));
            return { users: users.filter((u): u is UserRecord => Boolean(u)).map(card) };
        }
        const text = (query.q ?? '').trim();
        const where: Filter | undefined = text ? { kind: 'fts', text } : undefined;
        const users = await store.system.users.list({ where, from: 0, size: 20 });
        return { users: users.filter((u) => u.status === 'active').map(card) };
    });
}
