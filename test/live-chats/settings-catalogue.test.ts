/**
 * Every setting has an effect someone tested (SPEC §11): the catalogue of global settings
 * the settings API serves and the live chat settings (the Live chats app's fields) are read
 * from the installed product, and each must name the test that shows what it changes — a
 * setting that is stored and read by nothing has no such test and fails here. The settings
 * pages explain each one: help texts for global settings, descriptions for a live chat's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/test-host';
import { useLiveChat } from './support/live-chat';

/** Where each setting's effect is shown: a test file and the title of the test in it. */
const effects: Record<string, [file: string, title: string]> = {
    show_queue_count_to_operators: ['test/live-chats/desk-api.test.ts', 'gives each role its counters: the queue to operators, unassigned to supervisors; readers get no desk'],
    show_unassigned_count_to_supervisors: ['test/live-chats/settings-effects.test.ts', 'shows supervisors the unassigned count only while show_unassigned_count_to_supervisors is on'],
    send_with: ['test/web/desk.browser.test.ts', 'lets an employee write and operator1 see the queue rise live, take the session and reply'],
    allow_editing_messages: ['test/live-chats/lifecycle.test.ts', 'edits own messages while editing is allowed, renames and validates priority'],
    show_system_messages: ['widgets/shared/thread/thread-view.test.ts', 'hides system messages until toggled, and says how many are hidden'],
    auto_offline_minutes: ['test/live-chats/operator-status.test.ts', 'turns Offline whoever had no browser open for the configured minutes, and no one else'],
    allow_operators_to_lock_clients: ['test/live-chats/blocklist.test.ts', 'refuses an operator when the setting restricts locking to supervisors, and anyone Offline'],
    reassign_only_to_online: ['test/live-chats/lifecycle.test.ts', 'reassigns to an operator (who is notified) and to a group queue; Offline targets are refused when the setting says so'],
    sounds: ['widgets/operator-status/operator-status.test.ts', 'stays silent, but still tells, when the sounds setting is off'],
    delivery_retry_base_ms: ['test/live-chats/settings-effects.test.ts', 'waits delivery_retry_base_ms before the first retry, and never longer than delivery_retry_max_ms'],
    delivery_retry_max_ms: ['test/live-chats/settings-effects.test.ts', 'waits delivery_retry_base_ms before the first retry, and never longer than delivery_retry_max_ms'],
    delivery_max_attempts: ['test/security/outbound-repeats.test.ts', 'gives a messenger that answers after the timeout a bounded number of attempts, all with the same id'],
    messenger_timeout_ms: ['test/security/outbound-repeats.test.ts', 'gives a messenger that answers after the timeout a bounded number of attempts, all with the same id'],
    file_link_days: ['test/security/file-links.test.ts', 'last as long as the file_link_days setting says'],

    time_zone: ['test/live-chats/sla.test.ts', 'counts working time across a DST change and skips a holiday'],
    operator_groups: ['test/live-chats/permissions.test.ts', '$action by $role (online: $online)'],
    supervisor_groups: ['test/live-chats/permissions.test.ts', '$action by $role (online: $online)'],
    reader_groups: ['test/live-chats/permissions.test.ts', '$action by $role (online: $online)'],
    internal_customer_groups: ['test/live-chats/internal-channel.test.ts', 'refuses employees outside the internal customer groups, and spam marking of internal sessions'],
    naming_template: ['test/live-chats/settings-effects.test.ts', 'names new sessions by the live chat\'s naming_template'],
    show_operator_name: ['test/live-chats/linked-settings.test.ts', 'puts the operator\'s name before a reply on a messenger without a name field, only while the live chat shows names'],
    routing_rules: ['test/live-chats/routing.test.ts', 'assigns the least occupied Online operator and applies the rule\'s actions'],
    max_active_sessions: ['test/live-chats/routing.test.ts', 'refuses a manual take beyond the live chat\'s limit of active sessions'],
    max_active_per_operator: ['test/live-chats/routing.test.ts', 'holds sessions at the per-operator limit and assigns the oldest when capacity frees'],
    tell_queue_position: ['test/live-chats/routing.test.ts', 'sends a first-time client the automatic reply and their place in the queue'],
    account_app: ['test/live-chats/linked-settings.test.ts', 'binds a client to an item of the account app from the session, for the item\'s "by account" history'],
    messages_app: ['test/live-chats/linked-settings.test.ts', 'records every message of the live chat in the messages app, with author, text, session and time'],
    custom_properties: ['test/live-chats/line-setup.test.ts', 'saves values that fit their declared type for the operator of the session'],
};

/** The titles of the tests a file declares, as written (quotes unescaped). */
function testTitles(file: string): string[] {
    const source = fs.readFileSync(path.join(repoRoot, file), 'utf8');
    const titles: string[] = [];
    for (const m of source.matchAll(/\bit(?:\.each\([^)]*\))?\((['"`])((?:\\.|(?!\1).)*)\1/g)) titles.push(m[2].replace(/\\(.)/g, '$1'));
    return titles;
}

const ctx = useLiveChat();

describe('the settings catalogue', () => {
    it('names the test of every setting\'s effect, global and per live chat, and no setting that is gone', async () => {
        const catalogue = (await ctx.api.get('operator1', 'settings', {})).json().catalogue as { code: string }[];
        const lines = ctx.t.host.extensions.byNamespace('live_chats')!.manifest.apps.find((a) => a.code === 'lines')!;
        const codes = [...catalogue.map((s) => s.code), ...lines.fields.map((f) => f.code)];
        expect(codes.filter((c) => !effects[c])).toEqual([]);
        expect(Object.keys(effects).filter((c) => !codes.includes(c))).toEqual([]);
        for (const [code, [file, title]] of Object.entries(effects)) {
            expect([code, testTitles(file).includes(title)]).toEqual([code, true]);
        }
    });

    it('catalogues every stored global setting, each with a name and help text', async () => {
        const { settings, catalogue } = (await ctx.api.get('operator1', 'settings', {})).json() as { settings: object; catalogue: { code: string; name: string; help: string }[] };
        expect(catalogue.map((s) => s.code).sort()).toEqual(Object.keys(settings).sort());
        for (const entry of catalogue) {
            expect(entry.name.length).toBeGreaterThan(3);
            expect(entry.help.length).toBeGreaterThan(20);
        }
    });

    it('explains every live chat setting on its form', () => {
        const lines = ctx.t.host.extensions.byNamespace('live_chats')!.manifest.apps.find((a) => a.code === 'lines')!;
        expect(lines.fields.filter((f) => !f.description).map((f) => f.code)).toEqual([]);
    });
});
