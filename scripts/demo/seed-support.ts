/**
 * Demo data: the live chat "Support" with an internal channel and an arbitrary-messenger
 * channel (pointing at DEMO_MESSENGER_URL when set), sample routing rules and a contact with
 * conversations for the Live Chat Messages widget (seed-contact.ts), response templates and
 * articles (seed-responses.ts). Run by the
 * host's demo setup at every start, so it only creates what is missing.
 */
import type { TJSON } from '@brix/sdk';
import type { RoutingRule } from '../routing/rules';
import { enumOf } from '../shared/values';
import { seedDemoContact } from './seed-contact';
import { seedDemoResponses } from './seed-responses';

const rules: RoutingRule[] = [
    {
        name: 'VIP clients first',
        conditions: { field: 'client.username', op: 'contains', value: 'vip' },
        activity: { kind: 'least_occupied', group: 'operators' },
        actions: [{ kind: 'set_priority', value: 'high' }],
    },
    {
        name: 'Returning clients to their operator',
        conditions: { field: 'first_session', op: 'eq', value: false },
        activity: { kind: 'assign_last_operator' },
    },
    {
        name: 'Welcome new clients',
        conditions: { field: 'first_session', op: 'eq', value: true },
        activity: { kind: 'least_occupied', group: 'operators' },
        actions: [{ kind: 'auto_reply', template: 'Hello {{client_name}}, thank you for writing to {{line_name}}. An operator will answer shortly.' }],
    },
];

export async function seedDemoLiveChats(): Promise<void> {
    const payload = (Context.data.payload ?? {}) as { messengerUrl?: string; messengerToken?: string };
    let line = await Namespace.app.lines.search().where((f) => f.__name.eq('Support')).first();
    if (!line) {
        line = Namespace.app.lines.create();
        Object.assign(line.data, {
            __name: 'Support', time_zone: 'UTC', operator_groups: ['operators'], supervisor_groups: ['supervisors'],
            internal_customer_groups: ['employees'], reader_groups: ['readers'], show_operator_name: true,
            naming_template: '{{client_name}} · {{channel_name}} · {{date}}', routing_rules: rules as unknown as TJSON,
            max_active_per_operator: 5, tell_queue_position: true,
        });
        await line.save();
    }
    const channels = await Namespace.app.channels.search().where((f) => f.line.eq(line!.id)).all();
    if (!channels.some((c) => c.data.kind.code === 'internal')) {
        const internal = Namespace.app.channels.create();
        Object.assign(internal.data, { __name: 'Support (Messages)', line: line.getRef(), kind: enumOf('internal'), state: enumOf('active'), settings: {} });
        await internal.save();
    }
    let other = channels.find((c) => c.data.kind.code === 'other');
    if (!other) {
        other = Namespace.app.channels.create();
        Object.assign(other.data, {
            __name: 'Support messenger', line: line.getRef(), kind: enumOf('other'),
            settings: { url: payload.messengerUrl ?? '' }, token: payload.messengerToken || null,
        });
        await other.save();
    }
    await seedDemoContact(line, other);
    await seedDemoResponses();
}
