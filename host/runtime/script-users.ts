/**
 * `System.users` and `System.userGroups` for scripts.
 */
import type { Store, UserRecord } from '../store/store';
import { ScriptSearch } from './script-items';

/** Script users of the store's frozen (shared, unchanging) records, made once per record. */
const sharedItems = new WeakMap<UserRecord, ReturnType<typeof makeUserItem>>();

export function userItem(user: UserRecord) {
    if (!Object.isFrozen(user)) return makeUserItem(user);
    let item = sharedItems.get(user);
    if (!item) sharedItems.set(user, (item = makeUserItem(user)));
    return item;
}

function makeUserItem(user: UserRecord) {
    const data = Object.freeze({
        __id: user.id,
        __name: user.fullname,
        login: user.login,
        fullname: user.fullname,
        email: user.email,
        timezone: user.timezone,
        groupIds: Object.freeze([...user.groups]),
        __status: user.status,
    });
    // Frozen: scripts may share one.
    return Object.freeze({ id: user.id, data, getRef: () => ({ id: user.id, fetch: async () => userItem(user), toJSON: () => user.id }) });
}

export type ScriptUser = ReturnType<typeof makeUserItem>;

export interface UsersApi {
    get(id: string): Promise<ScriptUser | undefined>;
    search(): ScriptSearch<ScriptUser>;
    getCurrentUser(): Promise<ScriptUser | undefined>;
}

export function usersApi(store: Store, currentUserId: () => string | null): UsersApi {
    const get = async (id: string) => {
        const user = await store.system.users.get(id);
        return user && userItem(user);
    };
    return {
        get,
        search: () => new ScriptSearch<ScriptUser>({
            find: async (q) => (await store.system.users.list({ where: q.where, from: q.from, size: q.size })).map(userItem),
            count: (q) => store.system.users.count(q.where),
        }),
        getCurrentUser: async () => {
            const id = currentUserId();
            return id ? get(id) : undefined;
        },
    };
}

export function userGroupsApi(store: Store) {
    const groupItem = (g: { code: string; name: string }) => ({
        id: g.code,
        data: Object.freeze({ __id: g.code, code: g.code, __name: g.name }),
        users: async () => {
            const ids = await store.system.groups.members(g.code);
            // Read together (and from the store's cache where it has them), not one by one: scripts may read a big group on every request.
            return (await store.system.users.many(ids)).map(userItem);
        },
    });
    return {
        search: () => ({ all: async () => (await store.system.groups.list()).map(groupItem) }),
        get: async (code: string) => {
            const group = await store.system.groups.get(code);
            return group && groupItem(group);
        },
    };
}
