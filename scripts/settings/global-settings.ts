/**
 * Global live chat settings (SPEC §11), kept in the namespace storage with defaults, so a
 * fresh install works without configuration.
 */
import type { TJSON } from '@brix/sdk';
import { refusal } from '../shared/errors';

export interface GlobalSettings {
    show_queue_count_to_operators: boolean;
    show_unassigned_count_to_supervisors: boolean;
    send_with: 'ctrl_enter' | 'enter' | 'button';
    allow_editing_messages: boolean;
    show_system_messages: boolean;
    /** Minutes without a connected browser after which an Online user turns Offline (2–999). */
    auto_offline_minutes: number;
    allow_operators_to_lock_clients: boolean;
    reassign_only_to_online: boolean;
    sounds: boolean;
    /** First delay of outbound retries; doubles each attempt up to `delivery_retry_max_ms`. */
    delivery_retry_base_ms: number;
    delivery_retry_max_ms: number;
    /** Attempts after which a reply is Not delivered and waits for the operator's Retry. */
    delivery_max_attempts: number;
    /** How long a request to a messenger may take before it counts as failed. */
    messenger_timeout_ms: number;
    /** How long the links to files sent to a messenger stay valid. */
    file_link_days: number;
}

export const defaultSettings: GlobalSettings = {
    show_queue_count_to_operators: true,
    show_unassigned_count_to_supervisors: true,
    send_with: 'ctrl_enter',
    allow_editing_messages: true,
    show_system_messages: true,
    auto_offline_minutes: 2,
    allow_operators_to_lock_clients: true,
    reassign_only_to_online: false,
    sounds: true,
    delivery_retry_base_ms: 2_000,
    delivery_retry_max_ms: 600_000,
    delivery_max_attempts: 8,
    messenger_timeout_ms: 10_000,
    file_link_days: 7,
};

const KEY = 'settings';

type Rule = (v: TJSON | undefined) => boolean;
const bool: Rule = (v) => typeof v === 'boolean';
const int = (min: number, max: number): Rule => (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const rules: Record<keyof GlobalSettings, Rule> = {
    show_queue_count_to_operators: bool,
    show_unassigned_count_to_supervisors: bool,
    send_with: (v) => v === 'ctrl_enter' || v === 'enter' || v === 'button',
    allow_editing_messages: bool,
    show_system_messages: bool,
    auto_offline_minutes: int(2, 999),
    allow_operators_to_lock_clients: bool,
    reassign_only_to_online: bool,
    sounds: bool,
    delivery_retry_base_ms: int(10, 3_600_000),
    delivery_retry_max_ms: int(10, 86_400_000),
    delivery_max_attempts: int(1, 100),
    messenger_timeout_ms: int(100, 300_000),
    file_link_days: int(1, 365),
};

/** The declared settings only: junk an older version let in stays out of every answer. */
export async function readSettings(): Promise<GlobalSettings> {
    const stored = await Namespace.storage.getItem(KEY);
    const saved = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? stored : {};
    const known = Object.keys(defaultSettings).filter((key) => Object.hasOwn(saved, key)).map((key) => [key, saved[key]]);
    return { ...defaultSettings, ...Object.fromEntries(known) } as GlobalSettings;
}

/**
 * Merges `changes` into the stored settings.
 * @throws ApiError VALIDATION_FAILED listing every bad value; nothing is saved then.
 */
export async function writeSettings(changes: Record<string, TJSON | undefined>): Promise<GlobalSettings> {
    // No prototype: a problem keyed `__proto__` must be recorded, not set the prototype.
    const problems: Record<string, string> = Object.create(null);
    for (const [key, value] of Object.entries(changes)) {
        // Own keys only: `constructor` or `__proto__` must read as unknown, not as Object's members.
        if (!Object.hasOwn(rules, key)) problems[key] = 'unknown setting';
        else if (!rules[key as keyof GlobalSettings](value)) problems[key] = 'invalid value';
    }
    if (Object.keys(problems).length) throw refusal('VALIDATION_FAILED', 'Some settings are not valid', problems);
    const next = { ...(await readSettings()), ...changes } as GlobalSettings;
    await Namespace.storage.setItem(KEY, next as unknown as TJSON);
    return next;
}
