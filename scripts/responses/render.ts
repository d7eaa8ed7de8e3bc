/**
 * Template text (SPEC §7) rendered for one session. Supervisors write templates, operators
 * send what they render, so the text runs in a locked-down Handlebars: a private instance
 * whose only helpers are ours (`lookup` and `log` are gone, unknown helpers fail to compile),
 * data in null-prototype objects, and no access to prototype properties or methods at run time.
 * Output is plain text stored as is and escaped wherever it is shown; a value is never compiled
 * again, so a client named `{{operator_name}}` stays a name.
 */
import Handlebars from 'handlebars';
import { DateTime } from 'luxon';

/** The variables a template may use, with the words shown when one is missing or empty. */
export const templateVariables = {
    client_name: "the client's name",
    client_email: "the client's e-mail",
    client_phone: "the client's phone",
    operator_name: "the operator's name",
    live_chat_name: "the live chat's name",
    session_name: "the session's name",
} as const;

export type TemplateVariable = keyof typeof templateVariables;

/** What a template is rendered with: the variables' values and the operator's time zone. */
export interface TemplateContext {
    values: Partial<Record<TemplateVariable, string | null>>;
    timeZone: string;
    /** The moment `now`, `date` and `time` show; the current time unless a test fixes it. */
    now?: Date;
}

export interface RenderResult {
    text: string;
    /** What the operator must see before sending: missing or empty variables, unanswered prompts. */
    warnings: string[];
    /** The `ask` placeholders' questions, in order of appearance, each once. */
    prompts: string[];
}

const dateFormats = { now: 'yyyy-MM-dd HH:mm', date: 'yyyy-MM-dd', time: 'HH:mm' } as const;
const ourHelpers = ['ask', ...Object.keys(dateFormats)] as const;
const knownHelpers = Object.fromEntries([
    ...ourHelpers.map((h) => [h, true]),
    ['lookup', false], ['log', false],
]) as Record<string, boolean>;

const compileOptions = { noEscape: true, strict: false, knownHelpersOnly: true, knownHelpers } satisfies CompileOptions;
type CompileOptions = Parameters<typeof Handlebars.compile>[1];

const runtimeOptions = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false, allowedProtoProperties: {}, allowedProtoMethods: {} };

/** Per render: the answers given and the prompts met, handed to our helpers as `options.data.state`. */
interface RenderState {
    answers: ReadonlyMap<string, string>;
    prompts: string[];
    unanswered: string[];
    zone: string;
    now: Date;
}

const sandbox = Handlebars.create();
sandbox.unregisterHelper('lookup');
sandbox.unregisterHelper('log');

function stateOf(options: Handlebars.HelperOptions): RenderState {
    return (options.data as { state: RenderState }).state;
}

function moment(state: RenderState, format: unknown): string {
    const at = DateTime.fromJSDate(state.now, { zone: state.zone });
    return at.toFormat(String(format));
}

for (const [name, format] of Object.entries(dateFormats)) {
    sandbox.registerHelper(name, function (...args: unknown[]) {
        const options = args[args.length - 1] as Handlebars.HelperOptions;
        const custom = args.length > 1 && typeof args[0] === 'string' ? args[0] : format;
        return moment(stateOf(options), custom);
    });
}

sandbox.registerHelper('ask', function (question: unknown, options: Handlebars.HelperOptions) {
    const state = stateOf(options);
    const label = typeof question === 'string' ? question.trim() : '';
    if (!label) return '';
    if (!state.prompts.includes(label)) state.prompts.push(label);
    const answer = state.answers.get(label);
    if (answer !== undefined && answer.trim() !== '') return answer;
    if (!state.unanswered.includes(label)) state.unanswered.push(label);
    return `[${label}]`;
});

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Checks a template's text the way rendering compiles it.
 * @returns the problem in words, or null when the text compiles.
 */
export function templateProblem(source: string): string | null {
    try {
        sandbox.precompile(source, compileOptions);
        for (const call of helperCalls(sandbox.parse(source))) {
            if (call.name === 'ask' && (call.params.length !== 1 || call.params[0].type !== 'StringLiteral')) {
                return 'ask takes one question in quotes, e.g. {{ask "Order number"}}';
            }
        }
        // Some mistakes only show when the text runs (`{{#each}}` with nothing to go through).
        run(source, { values: {}, timeZone: 'UTC' }, new Map());
        return null;
    } catch (error) {
        return error instanceof Error ? error.message.split('\n')[0] : String(error);
    }
}

function compile(source: string): Handlebars.TemplateDelegate {
    let fn = compiled.get(source);
    if (!fn) {
        fn = sandbox.compile(source, compileOptions);
        if (compiled.size > 500) compiled.clear();
        compiled.set(source, fn);
    }
    return fn;
}

function run(source: string, context: TemplateContext, answers: ReadonlyMap<string, string>): { text: string; state: RenderState } {
    const state: RenderState = {
        answers, prompts: [], unanswered: [],
        zone: DateTime.local().setZone(context.timeZone).isValid ? context.timeZone : 'UTC', now: context.now ?? new Date(),
    };
    return { text: compile(source)(sealedData(context.values), { ...runtimeOptions, data: { state } }), state };
}

interface Call { name: string; params: hbs.AST.Expression[] }

/** Every mustache and block in the template, with its path and parameters, depth first. */
function helperCalls(node: hbs.AST.Node): Call[] {
    const calls: Call[] = [];
    const visit = (n: hbs.AST.Node | undefined | null): void => {
        if (!n) return;
        switch (n.type) {
            case 'Program':
                for (const s of (n as hbs.AST.Program).body) visit(s);
                break;
            case 'MustacheStatement':
            case 'SubExpression':
            case 'BlockStatement': {
                const m = n as hbs.AST.MustacheStatement | hbs.AST.BlockStatement;
                const path = m.path as hbs.AST.PathExpression;
                calls.push({ name: path.type === 'PathExpression' ? path.original : '', params: m.params });
                for (const p of m.params) visit(p);
                if (n.type === 'BlockStatement') {
                    visit((n as hbs.AST.BlockStatement).program);
                    visit((n as hbs.AST.BlockStatement).inverse);
                }
                break;
            }
            default:
        }
    };
    visit(node);
    return calls;
}

/** The variables the template reads: bare paths used as values or as helper parameters. */
function variablesRead(ast: hbs.AST.Program): string[] {
    const names: string[] = [];
    const add = (e: hbs.AST.Expression) => {
        if (e.type === 'PathExpression' && !(e as hbs.AST.PathExpression).data) names.push((e as hbs.AST.PathExpression).original);
    };
    for (const call of helperCalls(ast)) {
        if (call.params.length === 0 && !ourHelpers.includes(call.name as typeof ourHelpers[number])) names.push(call.name);
        for (const p of call.params) add(p);
    }
    return [...new Set(names.filter((n) => n && n !== 'this' && n !== '.'))];
}

const isVariable = (name: string): name is TemplateVariable => Object.prototype.hasOwnProperty.call(templateVariables, name);

/** Data with no prototype: a template can reach our values and nothing behind them. */
function sealedData(values: TemplateContext['values']): Record<string, string> {
    const data = Object.create(null) as Record<string, string>;
    for (const name of Object.keys(templateVariables) as TemplateVariable[]) data[name] = String(values[name] ?? '');
    return data;
}

/**
 * Renders template text. Unknown and empty variables render as nothing and come back as
 * warnings; `{{ask "…"}}` renders its answer, or `[question]` and a warning while unanswered.
 * @throws Error when the text does not compile: callers check {@link templateProblem} first.
 */
export function renderTemplate(source: string, context: TemplateContext, answers: Record<string, string> = {}): RenderResult {
    const problem = templateProblem(source);
    if (problem) throw new Error(`The template cannot be used: ${problem}`);
    const warnings: string[] = [];
    for (const name of variablesRead(sandbox.parse(source))) {
        if (!isVariable(name)) warnings.push(`Unknown variable {{${name}}}: nothing was inserted for it`);
        else if (!String(context.values[name] ?? '').trim()) warnings.push(`{{${name}}} is empty: ${templateVariables[name]} is not known`);
    }
    const { text, state } = run(source, context, new Map(Object.entries(answers)));
    for (const question of state.unanswered) warnings.push(`"${question}" is not answered yet`);
    return { text: text.trim(), warnings, prompts: state.prompts };
}
