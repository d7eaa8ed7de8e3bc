/**
 * The apps of other extensions a live chat is linked to (SPEC §11): the account app whose
 * items clients are bound to, and the messages app every message is recorded in. Both are
 * `namespace.app` codes of any installed extension.
 */
import type { AppDescription } from '@brix/sdk';

/** Fields of the messages app a recorded message fills in, when the app has them; `text` it must have. */
export const registeredFields = ['author', 'text', 'session', 'sent_at'] as const;

/** The field of an account app that links to this extension's clients, if it has one (the widget's "by account"). */
export function clientLinkField(app: AppDescription): string | null {
    const clients = `${Namespace.code}.clients`;
    return app.fields.find((f) => f.type === 'SYS_COLLECTION' && (f.app === clients || (app.namespace === Namespace.code && f.app === 'clients')))?.code ?? null;
}

/**
 * What is wrong with a live chat's linked apps, by field; empty when nothing is.
 * The messages app must take records from the extension's service user.
 */
export async function linkedAppProblems(accountApp: string | null, messagesApp: string | null): Promise<Record<string, string>> {
    const problems: Record<string, string> = {};
    const installed = async (key: string) => (/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/.test(key) ? System.apps.describe(key) : undefined);
    if (accountApp && !(await installed(accountApp))) problems.account_app = `is not an installed app (namespace.app, e.g. crm.contacts)`;
    if (messagesApp) {
        const app = await installed(messagesApp);
        if (!app) problems.messages_app = 'is not an installed app (namespace.app)';
        else if (!app.fields.some((f) => f.code === 'text')) problems.messages_app = 'has no text field to record messages in';
        else if (!(await System.apps.can(messagesApp, 'create', { as: 'service' }))) problems.messages_app = 'does not let the "Live chats" service user create items: give it a group with the create right';
    }
    return problems;
}
