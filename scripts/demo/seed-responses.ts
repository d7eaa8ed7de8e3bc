/**
 * Demo response templates and articles (SPEC §7), so the composer's picker has something to
 * show: a greeting by short code, one with a question for the operator, and help articles.
 * Creates only what is missing, by name.
 */

const templates = [
    {
        __name: 'Greeting', folder: 'General', short_code: 'greet', description: 'First answer in a session',
        text: 'Hello {{client_name}}, this is {{operator_name}} from {{live_chat_name}}. How can I help you?',
    },
    {
        __name: 'Order status', folder: 'Orders', short_code: 'order', description: 'Asks for the order number',
        text: 'Thank you, {{client_name}}. Order {{ask "Order number"}} is on its way; we checked it at {{time}} today ({{date}}).',
    },
    {
        __name: 'Closing', folder: 'General', short_code: 'bye', description: 'Before closing the session',
        text: 'Glad I could help, {{client_name}}. Have a good day! — {{operator_name}}',
    },
];

const articles = [
    { __name: 'Returns policy', folder: 'Policies', description: 'You can return any item within 30 days of delivery.', link: 'https://help.example.com/returns' },
    { __name: 'Delivery times', folder: 'Orders', description: 'Orders placed before 2 pm ship the same working day.', link: 'https://help.example.com/delivery' },
];

export async function seedDemoResponses(): Promise<void> {
    for (const t of templates) {
        if (await Namespace.app.templates.search().where((f) => f.__name.eq(t.__name)).first()) continue;
        const item = Namespace.app.templates.create();
        Object.assign(item.data, t);
        await item.save();
    }
    for (const a of articles) {
        if (await Namespace.app.articles.search().where((f) => f.__name.eq(a.__name)).first()) continue;
        const item = Namespace.app.articles.create();
        Object.assign(item.data, a);
        await item.save();
    }
}
