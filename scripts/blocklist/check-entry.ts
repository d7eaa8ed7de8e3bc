/**
 * `beforeWrite` of the Blocklist app: every entry written through the app's form, the item
 * API or a script is checked here (the rule fits its type, the value can be compared, the
 * scope is chosen), and every committed change moves the blocklist's version on so the
 * cached matcher (current.ts) is rebuilt on the next message.
 */
import type { BlocklistEntry } from '../shared/apps';
import { bumpBlocklistVersion } from './current';
import { normaliseRuleValue, operatorsFor, type RuleOperator, type RuleType } from './rules';

const typeNames: Record<RuleType, string> = { email: 'an Email', phone: 'a Phone', account: 'an Account', external_id: 'an External id' };
const operatorNames: Record<RuleOperator, string> = { equals: '=', contains: 'contains', starts_with: 'starts with', ends_with: 'ends with' };

/** Problems of an entry by field; empty when it is fine. */
export function entryProblems(entry: BlocklistEntry, previous: BlocklistEntry | null): Record<string, string> {
    const d = entry.data;
    const problems: Record<string, string> = {};
    const type = d.rule_type?.code as RuleType | undefined;
    const operator = d.rule_operator?.code as RuleOperator | undefined;
    if (type && operator && !operatorsFor[type].includes(operator)) {
        problems.rule_operator = `"${operatorNames[operator]}" does not fit ${typeNames[type]} rule: use ${operatorsFor[type].map((o) => `"${operatorNames[o]}"`).join(' or ')}`;
    } else if (type && operator) {
        const value = normaliseRuleValue(type, operator, d.rule_value ?? '');
        if ('problem' in value) problems.rule_value = value.problem;
    }
    const untilChanged = d.until?.getTime() !== previous?.data.until?.getTime();
    if (d.until && untilChanged && d.until.getTime() <= Date.now()) problems.until = 'must be in the future (leave it empty to block indefinitely)';
    if (!d.all_lines && !(d.lines ?? []).length) problems.lines = 'choose the live chats, or tick All live chats';
    return problems;
}

export async function checkBlocklistEntry(): Promise<void> {
    if (Context.data.action !== 'delete') {
        const entry = Context.data.__item as unknown as BlocklistEntry;
        const problems = entryProblems(entry, (Context.data.previous as unknown as BlocklistEntry | null) ?? null);
        const fields = Object.keys(problems);
        if (fields.length) {
            // Problems by field in the item API's shape, so the app's form marks each field.
            throw new ApiError('VALIDATION_FAILED', `The entry is not valid: ${fields.map((f) => `${f} ${problems[f]}`).join('; ')}`, 400, { fields: problems });
        }
    }
    await bumpBlocklistVersion();
}
