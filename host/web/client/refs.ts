/**
 * Names behind user ids and app-item ids, fetched in one call per list and kept for the tab.
 */
import { api, query } from './api';
import { itemsUrl } from './app-info';

export interface UserCard {
    id: string;
    fullname: string;
    login: string;
    email: string | null;
}

const userNames = new Map<string, string>();
const itemNames = new Map<string, string>();

export async function loadUserNames(ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !userNames.has(id));
    if (!missing.length) return;
    const { users } = await api<{ users: UserCard[] }>('GET', `/api/users${query({ ids: missing.join(',') })}`);
    for (const u of users) userNames.set(u.id, u.fullname);
}

export function userName(id: string): string {
    return userNames.get(id) ?? id;
}

export function rememberUser(user: UserCard): void {
    userNames.set(user.id, user.fullname);
}

/** Loads the names of items of one app; ids the user may not read stay shown as ids. */
export async function loadItemNames(appKey: string, ids: string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => !itemNames.has(`${appKey}:${id}`));
    if (!missing.length) return;
    const search = new URLSearchParams({ size: String(missing.length) });
    for (const id of missing) search.append('f.__id', id);
    try {
        const { items } = await api<{ items: { __id: string; __name: string }[] }>('GET', `${itemsUrl(appKey)}?${search}`);
        for (const item of items) itemNames.set(`${appKey}:${item.__id}`, item.__name);
    } catch {
        // No read access to the linked app: the ids remain as they are.
    }
}

export function itemName(appKey: string, id: string): string {
    return itemNames.get(`${appKey}:${id}`) ?? id;
}

export function rememberItem(appKey: string, id: string, name: string): void {
    itemNames.set(`${appKey}:${id}`, name);
}
