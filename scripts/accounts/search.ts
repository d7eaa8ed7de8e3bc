/**
 * `search_accounts` (session panel): items of the live chat's account app whose name has
 * the typed text, to bind the session's client to. Read with the caller's own rights on
 * that app, so nobody finds items they could not open.
 */
import type { HttpApiRequest, HttpResponse } from '@brix/sdk';
import { refusal } from '../shared/errors';
import { ok, optionalText } from '../shared/http';
import { sessionRequest } from '../sessions/session-request';

const PAGE = 20;

export async function searchAccounts(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, line } = await sessionRequest(req, 'view');
    const key = line.data.account_app;
    if (!key) throw refusal('NOT_FOUND', 'This live chat has no app to bind accounts');
    const app = await System.apps.get(key);
    if (!app) throw refusal('NOT_FOUND', `The account app ${key} is not installed`);
    const text = optionalText(values, 'q', 200)?.trim();
    const found = await app.search()
        .where((f, g) => (text ? g.and(f.__deletedAt.eq(null), f.__name.like(text)) : f.__deletedAt.eq(null)))
        .sort('__name', true).size(PAGE).all();
    return ok({ app: key, items: found.map((item) => ({ id: item.id, name: item.data.__name })) });
}
