/**
 * Lock account and Unlock account from a session (SPEC §3.2, §5). Locking adds a blocklist
 * entry pre-filled from the client; the session at hand is left as it is. Unlocking removes
 * the entries written for this client alone (rule "="), and when a broader rule (a domain,
 * a prefix) still blocks them, adds an allowlist entry for them in this live chat.
 */
import type { HttpApiRequest, HttpResponse, TDatetime as Moment, TJSON } from '@brix/sdk';
import { sessionRequest } from '../sessions/session-request';
import type { BlocklistEntry, Client, Line } from '../shared/apps';
import { refusal } from '../shared/errors';
import { ok, optionalText, type Input } from '../shared/http';
import { enumOf } from '../shared/values';
import { normaliseRuleValue, ruleTypes, type RuleType } from './rules';
import { clientEntries, requireLockRight, sessionClient } from './session-client';

function ruleValue(client: Client, type: RuleType): string | null {
    const account = client.data.account as { id?: unknown } | null;
    switch (type) {
        case 'email': return client.data.email?.email ?? null;
        case 'phone': return client.data.phone?.tel ?? null;
        case 'account': return account && typeof account.id === 'string' ? account.id : null;
        case 'external_id': return client.data.external_user_id;
    }
}

function untilOf(values: Input): Moment | null {
    const raw = values.until;
    if (raw === undefined || raw === null || raw === '') return null;
    const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
    if (!Number.isFinite(ms)) throw refusal('VALIDATION_FAILED', 'until must be a date and time (ISO 8601), or empty to lock indefinitely', { until: 'not a date and time' });
    return new TDatetime(ms);
}

function entryView(e: BlocklistEntry) {
    return {
        id: e.id, name: e.data.__name, list_type: e.data.list_type.code, rule_type: e.data.rule_type.code, rule_operator: e.data.rule_operator.code,
        rule_value: e.data.rule_value, until: e.data.until ? new Date(e.data.until.getTime()).toISOString() : null, all_lines: Boolean(e.data.all_lines),
        lines: (e.data.lines ?? []).map((l) => l.id), reason: e.data.reason,
    };
}

async function addEntry(client: Client, line: Line, list: 'blocklist' | 'allowlist', type: RuleType, value: string, until: Moment | null, allLines: boolean, reason: string | null): Promise<BlocklistEntry> {
    const entry = Namespace.app.blocklist.create();
    const d = entry.data;
    d.__name = `${client.data.__name}`.slice(0, 200);
    d.list_type = enumOf(list);
    d.rule_type = enumOf(type);
    d.rule_operator = enumOf('equals');
    d.rule_value = value;
    d.until = until;
    d.all_lines = allLines;
    d.lines = allLines ? [] : [line.getRef()];
    d.reason = reason;
    await entry.save();
    return entry;
}

export async function lockClient(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, line, role } = await sessionRequest(req, 'lock_client');
    await requireLockRight(role);
    const client = await sessionClient(session, values);
    const type = (values.rule_type ?? 'external_id') as RuleType;
    if (!ruleTypes.includes(type)) throw refusal('VALIDATION_FAILED', 'rule_type must be email, phone, account or external_id', { rule_type: 'invalid value' });
    const raw = ruleValue(client, type);
    if (!raw) throw refusal('VALIDATION_FAILED', `The client has no ${type.replace('_', ' ')} to lock by`, { rule_type: 'the client has no such value' });
    const normal = normaliseRuleValue(type, 'equals', raw);
    if ('problem' in normal) throw refusal('VALIDATION_FAILED', `The client's ${type.replace('_', ' ')} cannot be locked: it ${normal.problem}`, { rule_type: normal.problem });
    if (values.all_lines !== undefined && typeof values.all_lines !== 'boolean') throw refusal('VALIDATION_FAILED', 'all_lines must be true or false', { all_lines: 'invalid value' });
    const until = untilOf(values);
    const reason = optionalText(values, 'reason', 2_000) ?? null;
    const entry = await System.transaction(async () => {
        if ((await clientEntries(client, line.id)).blocking.length) throw refusal('CLIENT_ALREADY_LOCKED', 'The client is already locked in this live chat');
        return addEntry(client, line, 'blocklist', type, normal.value, until, values.all_lines === true, reason);
    });
    return ok({ entry: entryView(entry) }, 201);
}

export async function unlockClient(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, line, role } = await sessionRequest(req, 'unlock_client');
    await requireLockRight(role);
    const client = await sessionClient(session, values);
    const result = await System.transaction(async () => {
        const { blocking } = await clientEntries(client, line.id);
        if (!blocking.length) throw refusal('CLIENT_NOT_LOCKED', 'The client is not locked in this live chat');
        const removed: string[] = [];
        for (const match of blocking.filter((e) => e.operator === 'equals')) {
            const entry = await Namespace.app.blocklist.search().where((f) => f.__id.eq(match.id)).first();
            if (!entry) continue;
            await entry.delete();
            removed.push(entry.id);
        }
        let allowed: BlocklistEntry | null = null;
        if (blocking.some((e) => e.operator !== 'equals')) {
            allowed = await addEntry(client, line, 'allowlist', 'external_id', client.data.external_user_id!, null, false, `Unlocked from the session "${session.data.__name}"`);
        }
        return { removed, allowlisted: allowed ? entryView(allowed) : null };
    });
    return ok(result as unknown as Record<string, TJSON>);
}
