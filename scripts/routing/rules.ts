/**
 * The shape of routing rules (SPEC §3.4) as a live chat stores them, and their validation.
 * Pure: no platform calls, so the router can be property-tested.
 */
export type CompareOp = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains';

/**
 * How an item joins the result of the items before it: the list is folded left to right,
 * `a OR b AND NOT c` = `((a OR b) AND NOT c)`; nest a group for other precedence.
 */
export type Connector = 'and' | 'or' | 'and_not' | 'or_not';

/**
 * Fields: `channel` (id), `channel_kind`, `time` (HH:mm in the live chat's zone), `weekday`
 * (1 = Monday), `priority` (low|medium|high|'' ), `first_session` (true/false),
 * `client.<field>` (name, username, email, phone, external_user_id), `custom.<key>`.
 */
export interface ConditionLeaf {
    field: string;
    op: CompareOp;
    value: string | number | boolean | null;
}

export interface ConditionGroup {
    items: { connector?: Connector; node: ConditionNode }[];
}

export type ConditionNode = ConditionLeaf | ConditionGroup;

export type Activity =
    | { kind: 'least_occupied'; group: string }
    | { kind: 'invite_group'; group: string }
    | { kind: 'invite_all' }
    | { kind: 'assign_user'; userId: string }
    | { kind: 'assign_last_operator' }
    | { kind: 'assign_bot' };

export type RuleAction =
    /** The administrator's text; without one, the extension's default automatic reply. */
    | { kind: 'auto_reply'; template?: string }
    | { kind: 'set_priority'; value: 'low' | 'medium' | 'high' }
    | { kind: 'set_property'; key: string; value: string | number | boolean }
    /**
     * Raises `live_chats.automation_started` with the session and these parameters, which a
     * handler of any extension may take (SPEC §12); `automation` names what to start.
     */
    | { kind: 'start_automation'; automation: string; params?: Record<string, string | number | boolean | null> };

export interface RoutingRule {
    name: string;
    enabled?: boolean;
    /** The id of the SLA item sessions distributed by this rule keep (SPEC §6); null: none. */
    sla?: string | null;
    conditions?: ConditionNode;
    activity: Activity;
    actions?: RuleAction[];
}

/**
 * The catalogue of condition fields: the facts `facts.ts` gathers for a session. A rule
 * naming anything else could never hold, so it is refused rather than stored.
 */
export const conditionFields: readonly string[] = [
    'channel', 'channel_kind', 'time', 'weekday', 'priority', 'first_session',
    'client.name', 'client.username', 'client.email', 'client.phone', 'client.external_user_id',
];
const CUSTOM = 'custom.';

const isConditionField = (field: string) => conditionFields.includes(field) || (field.startsWith(CUSTOM) && field.length > CUSTOM.length);

/** Values some fields can only ever match; anything else is a rule that never applies. */
const valueRules: Record<string, { test: (v: unknown) => boolean; expected: string }> = {
    first_session: { test: (v) => typeof v === 'boolean', expected: 'true or false' },
    weekday: { test: (v) => (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '')) && [1, 2, 3, 4, 5, 6, 7].includes(Number(v)), expected: 'a weekday from 1 (Monday) to 7' },
    time: { test: (v) => typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v), expected: 'a time as HH:mm' },
    priority: { test: (v) => v === null || ['', 'low', 'medium', 'high'].includes(v as string), expected: 'low, medium, high or empty' },
};

const ops: readonly string[] = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'contains'];
const connectors: readonly string[] = ['and', 'or', 'and_not', 'or_not'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function conditionProblem(node: unknown, path: string, depth: number): string | undefined {
    if (depth > 8) return `${path}: groups nest too deep`;
    if (!isObject(node)) return `${path}: expected a condition or group`;
    if ('items' in node) {
        if (!Array.isArray(node.items) || node.items.length === 0) return `${path}.items: expected a non-empty list`;
        for (const [i, item] of node.items.entries()) {
            if (!isObject(item)) return `${path}.items.${i}: expected { connector, node }`;
            if (i > 0 && !connectors.includes(item.connector as string)) return `${path}.items.${i}.connector: expected and, or, and_not or or_not`;
            const inner = conditionProblem(item.node, `${path}.items.${i}.node`, depth + 1);
            if (inner) return inner;
        }
        return undefined;
    }
    if (!isText(node.field)) return `${path}.field: required`;
    if (!isConditionField(node.field)) return `${path}.field: unknown field; expected one of ${conditionFields.join(', ')} or custom.<property>`;
    if (!ops.includes(node.op as string)) return `${path}.op: expected one of ${ops.join(', ')}`;
    if (!['string', 'number', 'boolean'].includes(typeof node.value) && node.value !== null) return `${path}.value: expected text, number, yes/no or null`;
    const values = Object.hasOwn(valueRules, node.field) ? valueRules[node.field] : undefined;
    if (values && !values.test(node.value)) return `${path}.value: expected ${values.expected}`;
    return undefined;
}

function activityProblem(a: unknown, path: string): string | undefined {
    if (!isObject(a)) return `${path}: required`;
    switch (a.kind) {
        case 'least_occupied': case 'invite_group': return isText(a.group) ? undefined : `${path}.group: required`;
        case 'assign_user': return isText(a.userId) ? undefined : `${path}.userId: required`;
        case 'invite_all': case 'assign_last_operator': case 'assign_bot': return undefined;
        default: return `${path}.kind: unknown activity`;
    }
}

function actionProblem(a: unknown, path: string): string | undefined {
    if (!isObject(a)) return `${path}: expected an action`;
    switch (a.kind) {
        case 'auto_reply': return a.template === undefined || typeof a.template === 'string' ? undefined : `${path}.template: expected text`;
        case 'set_priority': return ['low', 'medium', 'high'].includes(a.value as string) ? undefined : `${path}.value: expected low, medium or high`;
        case 'set_property': return isText(a.key) && ['string', 'number', 'boolean'].includes(typeof a.value) ? undefined : `${path}: key and value required`;
        case 'start_automation':
            if (!isText(a.automation)) return `${path}.automation: required`;
            if (a.params !== undefined && (!isObject(a.params) || Object.values(a.params).some((v) => v !== null && !['string', 'number', 'boolean'].includes(typeof v)))) {
                return `${path}.params: expected names with text, number, yes/no or null values`;
            }
            return undefined;
        default: return `${path}.kind: unknown action`;
    }
}

/** Every problem of a rule list, by path; empty when the list is valid. */
export function ruleProblems(rules: unknown): string[] {
    if (!Array.isArray(rules)) return ['rules: expected a list'];
    const problems: string[] = [];
    rules.forEach((rule, i) => {
        const path = `rules.${i}`;
        if (!isObject(rule)) return void problems.push(`${path}: expected a rule`);
        if (!isText(rule.name)) problems.push(`${path}.name: required`);
        if (rule.conditions !== undefined) {
            const p = conditionProblem(rule.conditions, `${path}.conditions`, 0);
            if (p) problems.push(p);
        }
        if (rule.sla !== undefined && rule.sla !== null && !isText(rule.sla)) problems.push(`${path}.sla: expected the id of an SLA or null`);
        const a = activityProblem(rule.activity, `${path}.activity`);
        if (a) problems.push(a);
        if (isObject(rule.activity) && rule.activity.kind === 'assign_last_operator' && !mentionsFirstSessionNo(rule.conditions)) {
            problems.push(`${path}.activity: "assign the last operator" needs the condition first_session = no`);
        }
        if (rule.actions !== undefined) {
            if (!Array.isArray(rule.actions)) problems.push(`${path}.actions: expected a list`);
            else rule.actions.forEach((x, j) => { const p = actionProblem(x, `${path}.actions.${j}`); if (p) problems.push(p); });
        }
    });
    return problems;
}

function mentionsFirstSessionNo(node: unknown): boolean {
    if (!isObject(node)) return false;
    if (Array.isArray(node.items)) return node.items.some((i) => isObject(i) && mentionsFirstSessionNo(i.node));
    return node.field === 'first_session' && node.op === 'eq' && node.value === false;
}

/** The valid rules of a stored list; a malformed list (written around the API) routes nothing. */
export function usableRules(stored: unknown): RoutingRule[] {
    if (!Array.isArray(stored) || ruleProblems(stored).length) return [];
    return (stored as RoutingRule[]).filter((r) => r.enabled !== false);
}
