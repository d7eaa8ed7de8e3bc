/**
 * The catalogue of settings (SPEC §11): every global setting with its name and a help text
 * the settings page shows beside it. Live chat settings are the Live chats app's fields,
 * explained by their descriptions in the manifest (manifest/apps/lines.json).
 */
import type { GlobalSettings } from './global-settings';

export interface SettingEntry {
    code: keyof GlobalSettings;
    name: string;
    help: string;
    /** The choices of a setting that takes one of a few values. */
    options?: { code: string; name: string }[];
}

export const globalCatalogue: readonly SettingEntry[] = [
    { code: 'show_queue_count_to_operators', name: 'Show queue count to operators', help: 'Operators see how many sessions wait in the queue on their desk; supervisors always do.' },
    { code: 'show_unassigned_count_to_supervisors', name: 'Show unassigned count to supervisors', help: 'Supervisors see how many open sessions have no operator.' },
    { code: 'send_with', name: 'Send with', help: 'The key that sends a reply from the desk and the Messages page: Ctrl+Enter (Enter makes a new line), Enter (Shift+Enter makes a new line) or the Send button only.',
        options: [{ code: 'ctrl_enter', name: 'Ctrl+Enter' }, { code: 'enter', name: 'Enter' }, { code: 'button', name: 'Send button only' }] },
    { code: 'allow_editing_messages', name: 'Allow editing messages', help: 'Operators and employees may edit what they sent; channels that support it carry the edit to the client.' },
    { code: 'show_system_messages', name: 'Show system messages by default', help: 'Threads open with system notes (who took, reassigned or closed a session) shown; each user can still toggle them.' },
    { code: 'auto_offline_minutes', name: 'Auto-Offline after (minutes)', help: 'An Online user with no desk open for this many minutes turns Offline, so no session waits for someone who left (2–999).' },
    { code: 'allow_operators_to_lock_clients', name: 'Allow operators to lock clients', help: 'Operators may Lock account from a session; when off, only supervisors and administrators may.' },
    { code: 'reassign_only_to_online', name: 'Reassign only to Online operators', help: 'Reassign offers and accepts only operators who are Online.' },
    { code: 'sounds', name: 'Sounds', help: 'The desk plays a sound when a new session or client message arrives.' },
    { code: 'delivery_retry_base_ms', name: 'First retry delay (ms)', help: 'How long a reply the channel did not accept waits before the first retry; each retry waits twice as long.' },
    { code: 'delivery_retry_max_ms', name: 'Longest retry delay (ms)', help: 'The longest wait between two delivery retries.' },
    { code: 'delivery_max_attempts', name: 'Delivery attempts', help: 'After this many failed attempts a reply is marked Not delivered and waits for the operator\'s Retry.' },
    { code: 'messenger_timeout_ms', name: 'Messenger timeout (ms)', help: 'How long a request to a messenger may take before it counts as failed and is retried.' },
    { code: 'file_link_days', name: 'File links valid for (days)', help: 'How long links to files sent to a messenger stay valid for the client.' },
];
