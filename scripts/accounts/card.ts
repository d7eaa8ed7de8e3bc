/**
 * The account part of the session card: the live chat's account app, the item the
 * session's client is bound to, and why binding would be refused now (null when allowed).
 */
import type { UserItem } from '@brix/sdk';
import { authorize } from '../access/guard';
import type { Line, Session } from '../shared/apps';

export interface AccountCard {
    app: string;
    appName: string;
    bound: { id: string; name: string } | null;
    refusal: string | null;
}

export async function accountCard(user: UserItem, line: Line, session: Session): Promise<AccountCard | null> {
    const key = line.data.account_app;
    const described = key ? await System.apps.describe(key) : undefined;
    if (!key || !described) return null;
    const client = await session.data.clients?.[0]?.fetch();
    const account = client?.data.account as { id?: unknown; name?: unknown } | null | undefined;
    const bound = account && typeof account.id === 'string' ? { id: account.id, name: typeof account.name === 'string' ? account.name : account.id } : null;
    let refusal: string | null = null;
    try {
        await authorize(user, line, 'bind_account', session);
        if (!(await System.apps.can(key, 'read'))) refusal = `You have no right to read ${described.name}`;
    } catch (error) {
        refusal = (error as { message?: string }).message ?? String(error);
    }
    return { app: key, appName: described.name, bound, refusal };
}
