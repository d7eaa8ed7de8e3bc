/**
 * The values a template is rendered with (SPEC §7): the session's client, the operator who
 * writes, the live chat and the session, at the current time in the operator's time zone.
 */
import type { Client } from '../shared/apps';
import type { TemplateContext } from './render';
import type { Responder } from './responder';

async function firstClient(r: Responder): Promise<Client | undefined> {
    const id = r.session?.data.clients?.[0]?.id;
    return id ? Namespace.app.clients.search().where((f) => f.__id.eq(id)).first() : undefined;
}

export async function templateContext(r: Responder): Promise<TemplateContext> {
    const values: TemplateContext['values'] = {
        operator_name: r.user.data.fullname,
        live_chat_name: r.line.data.__name,
        session_name: r.session?.data.__name ?? null,
    };
    if (r.session) {
        const client = await firstClient(r);
        values.client_name = client?.data.__name ?? null;
        values.client_email = client?.data.email?.email ?? null;
        values.client_phone = client?.data.phone?.tel ?? null;
    } else {
        // In the Messages workspace the employee writes as the live chat's client.
        values.client_name = r.user.data.fullname;
        values.client_email = r.user.data.email;
    }
    return { values, timeZone: r.user.data.timezone || r.line.data.time_zone || 'UTC' };
}
