/**
 * `bind_account` (session panel): binds the session's client to an item of the live chat's
 * account app (or unbinds it with itemId null). The client keeps `{ app, id, name }` and the
 * indexed id; where the app has a field linking to Clients, the item lists the client there
 * too — what the Live Chat Messages widget's "by account" history reads.
 */
import type { HttpApiRequest, HttpResponse, TApplication } from '@brix/sdk';
import type { Client, ClientData } from '../shared/apps';
import { refusal } from '../shared/errors';
import { ok } from '../shared/http';
import { sessionRequest } from '../sessions/session-request';
import { clientLinkField } from './linked-apps';

type Refs = TApplication<ClientData>[];

function withoutClient(value: unknown, client: Client): Refs {
    const refs = (Array.isArray(value) ? value : value ? [value] : []) as Refs;
    return refs.filter((r) => r.id !== client.id);
}

/** Adds or removes the client in the item's link field, as the caller (who needs the update right). */
async function linkOnItem(key: string, itemId: string, client: Client, add: boolean): Promise<void> {
    const described = await System.apps.describe(key);
    const field = described ? clientLinkField(described) : null;
    const app = await System.apps.get(key);
    const item = field && app ? await app.search().where((f) => f.__id.eq(itemId)).first() : undefined;
    if (!item || !field) return;
    const data = item.data as Record<string, unknown>;
    const refs = withoutClient(data[field], client);
    data[field] = add ? [...refs, client.getRef()] : refs;
    await item.save();
}

export async function bindAccount(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, line } = await sessionRequest(req, 'bind_account');
    const key = line.data.account_app;
    if (!key) throw refusal('NOT_FOUND', 'This live chat has no app to bind accounts');
    const client = await session.data.clients?.[0]?.fetch();
    if (!client) throw refusal('NOT_FOUND', 'The session has no client');
    const itemId = values.itemId;
    if (itemId !== null && typeof itemId !== 'string') throw refusal('VALIDATION_FAILED', 'itemId is an item id or null', { itemId: 'is an item id or null' });
    const app = await System.apps.get(key);
    const item = itemId && app ? await app.search().where((f) => f.__id.eq(itemId)).first() : undefined;
    if (itemId && !item) throw refusal('NOT_FOUND', `No item ${itemId} in ${key}`);
    await System.transaction(async () => {
        const previous = client.data.account_id;
        const bound = client.data.account as { app?: unknown } | null;
        if (previous && previous !== itemId) await linkOnItem(typeof bound?.app === 'string' ? bound.app : key, previous, client, false);
        client.data.account = item ? { app: key, id: item.id, name: item.data.__name } : null;
        client.data.account_id = item?.id ?? null;
        await client.save();
        if (item) await linkOnItem(key, item.id, client, true);
    });
    return ok({ account: client.data.account });
}
