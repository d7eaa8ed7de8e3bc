/**
 * The extension manifest: one zod schema validates `manifest.json` at install and gives
 * its TypeScript type, so the validator and the code that reads a manifest never drift.
 */
import { z } from 'zod';

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _, starting with a letter');
const kebab = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and -, starting with a letter');
const scriptName = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, 'a script (function) name');
const semver = z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'a version like 1.2.3');

export const fieldTypes = [
    'STRING', 'TEXT', 'INTEGER', 'FLOAT', 'BOOLEAN', 'DATETIME', 'DATE', 'DURATION', 'ENUM',
    'SYS_USER', 'SYS_COLLECTION', 'JSON', 'FILE', 'EMAIL', 'PHONE', 'FULL_NAME', 'TABLE', 'MONEY',
] as const;
export type FieldType = (typeof fieldTypes)[number];

const choice = z.object({ code, name: z.string().min(1) }).strict();

const tableColumn = z.object({
    code,
    name: z.string().min(1),
    type: z.enum(['STRING', 'TEXT', 'INTEGER', 'FLOAT', 'BOOLEAN', 'DATETIME', 'DATE']),
}).strict();

const field = z.object({
    code,
    name: z.string().min(1),
    type: z.enum(fieldTypes),
    required: z.boolean().default(false),
    /** Several values (users, app links, enum values) in one field. */
    multiple: z.boolean().default(false),
    /** Choices of an ENUM field. */
    options: z.array(choice).optional(),
    /** Target app of a SYS_COLLECTION field: `namespace.app`, or an app of this namespace by code. */
    app: z.string().optional(),
    /** Columns of a TABLE field. */
    columns: z.array(tableColumn).optional(),
    /** Shown as a column in list views. */
    list: z.boolean().default(false),
    /** Matched by free-text search. */
    searchable: z.boolean().optional(),
    /**
     * A secret (a token, a password): write-only outside scripts. The item API and forms say
     * only whether it is set and take a new value; lists, searches, filters, pushes and logs
     * never see it. Scripts read it as any other field.
     */
    secret: z.boolean().optional(),
    /**
     * Set by the extension's scripts only (a lifecycle state, a time the scripts record): the
     * item API refuses changes to it and forms show it read-only.
     */
    readonly: z.boolean().optional(),
    /** What list views show for an empty value when empty has a meaning, e.g. "Indefinitely" for an end date. */
    emptyText: z.string().min(1).optional(),
    description: z.string().optional(),
    /**
     * How exports (`/api/apps/<ns>/<app>/export`) show the field: `columns` spreads a JSON
     * object into one column per key (custom properties); `system` keeps the field for
     * exports with system information only (the extension's own bookkeeping). By default
     * the field is one column.
     */
    export: z.enum(['columns', 'system']).optional(),
}).strict().superRefine((f, ctx) => {
    if (f.export === 'columns' && f.type !== 'JSON') ctx.addIssue({ code: 'custom', path: ['export'], message: 'only a JSON field can be exported as columns' });
    if (f.secret && !['STRING', 'TEXT', 'JSON'].includes(f.type)) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'only a STRING, TEXT or JSON field can be secret' });
    if (f.secret && (f.list || f.searchable || f.multiple)) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a secret field is neither listed, searchable nor multiple' });
    if (f.type === 'ENUM' && !f.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'an ENUM field needs options' });
    if (f.type === 'SYS_COLLECTION' && !f.app) ctx.addIssue({ code: 'custom', path: ['app'], message: 'a SYS_COLLECTION field needs app' });
    if (f.type === 'TABLE' && !f.columns?.length) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'a TABLE field needs columns' });
});

const status = z.object({ code, name: z.string().min(1), final: z.boolean().default(false) }).strict();

export const permissionActions = ['read', 'create', 'update', 'delete', 'export'] as const;
export type PermissionAction = (typeof permissionActions)[number];

export const appSchema = z.object({
    code,
    name: z.string().min(1),
    /** Name of one item, for buttons such as "+ Article". */
    itemName: z.string().optional(),
    fields: z.array(field),
    statuses: z.array(status).optional(),
    /**
     * `sparse` indexes only the items that have a value in every indexed field: an item
     * without one costs the index nothing on write. A filter that compares each of the
     * fields with a value (equals, in, a range) is served by it; a filter for an empty value is not.
     */
    indexes: z.array(z.object({ fields: z.array(z.string()).min(1), unique: z.boolean().default(false), sparse: z.boolean().default(false).describe('Index only the items that have a value in every indexed field') }).strict()).default([]),
    /** Group codes allowed each action; administrators are always allowed. */
    permissions: z.object(Object.fromEntries(permissionActions.map((a) => [a, z.array(code).default([])])) as Record<PermissionAction, z.ZodDefault<z.ZodArray<typeof code>>>).strict(),
    /** Whether list views offer a view of deleted items. */
    showDeleted: z.boolean().default(false),
    /**
     * Actions on items that only the extension's scripts take, administrators included: e.g.
     * items that a lifecycle creates and ends through the extension's API methods.
     */
    scriptOnly: z.array(z.enum(['create', 'update', 'delete'])).optional(),
    /**
     * A script run inside the write's transaction before an item is created, changed or
     * deleted (through the item API and scripts alike), with `Context.data.action`
     * (`create`, `update` or `delete`), `Context.data.__item` (the item as it will be) and
     * `Context.data.previous` (as it was; null on create). Throwing refuses the write and
     * rolls back whatever the script wrote; what it writes commits with the item. An
     * `ApiError('VALIDATION_FAILED', message, 400, { fields: { code: problem } })` is shown
     * by the app's form next to each field.
     */
    beforeWrite: scriptName.optional(),
    /**
     * Widgets the item form mounts below its fields. Each widget input takes the value of the
     * form field with the same code, unless `inputs` maps the input to another field.
     */
    formWidgets: z.array(z.object({
        widget: kebab,
        inputs: z.record(code, code).optional(),
        /** Values of the widget's declared `settings` for this form; the rest keep their defaults. */
        settings: z.record(code, z.json()).optional(),
    }).strict()).optional(),
}).strict().superRefine((a, ctx) => {
    const codes = new Set<string>();
    a.fields.forEach((f, i) => {
        if (codes.has(f.code)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'code'], message: `duplicate field ${f.code}` });
        codes.add(f.code);
    });
    const base = ['__id', '__name', '__createdAt', '__createdBy', '__updatedAt', '__updatedBy', '__deletedAt', '__status'];
    a.indexes.forEach((ix, i) => ix.fields.forEach((f, j) => {
        if (!codes.has(f) && !base.includes(f)) ctx.addIssue({ code: 'custom', path: ['indexes', i, 'fields', j], message: `unknown field ${f}` });
    }));
});

const page = z.object({
    code,
    name: z.string().min(1),
    /** A page shows an app's list, or mounts a widget. */
    app: code.optional(),
    widget: kebab.optional(),
    /**
     * Values of the widget's declared `settings` on this page (as a form places a widget);
     * they reach the widget as the page's parameters, so one widget serves many pages.
     */
    settings: z.record(code, z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** Groups that see the page; by default whoever may read its app. */
    groups: z.array(code).optional(),
}).strict().refine((p) => Boolean(p.app) !== Boolean(p.widget), { message: 'a page has either app or widget' })
    .refine((p) => !p.settings || Boolean(p.widget), { message: 'only a widget page has settings' });

const section = z.object({
    code,
    name: z.string().min(1),
    pages: z.array(page).default([]),
    /**
     * A script that adds pages for the signed-in user (e.g. one page per record the user works
     * with). It sets `Context.data.pages` to `[{ code, name, widget, params? }]`: each page
     * mounts that widget of this extension with `params` as its inputs.
     */
    pagesScript: scriptName.optional(),
}).strict();

const workspace = z.object({
    code,
    name: z.string().min(1),
    sections: z.array(section),
}).strict();

/** A JSON Schema (object) of a request: the body, or the query string of a GET. Published in the OpenAPI document. */
const requestSchema = z.record(z.string(), z.unknown());

export const eventHandlerSchema = z.object({
    on: z.enum(['item_create', 'item_update', 'item_delete', 'custom']),
    /** The app whose items raise item events. */
    app: code.optional(),
    /** The custom event's name. */
    event: z.string().min(1).optional(),
    /**
     * For a custom event another extension raises: that extension's namespace. It must list
     * the event in its `publishes`; handlers of other extensions run once per event, with no
     * user (a script that acts on it uses its own `serviceUser`).
     */
    from: code.optional(),
    script: scriptName,
}).strict().superRefine((e, ctx) => {
    if (e.on === 'custom' && !e.event) ctx.addIssue({ code: 'custom', path: ['event'], message: 'a custom handler needs event' });
    if (e.on !== 'custom' && !e.app) ctx.addIssue({ code: 'custom', path: ['app'], message: 'an item handler needs app' });
    if (e.on !== 'custom' && e.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'only a custom handler takes from' });
});

/**
 * A method other extensions' scripts may call (`System.extensions.call(namespace, code,
 * params)`): the script runs in this extension with `Context.data.params` and the calling
 * script's user (or the caller's service user), and what it returns is the answer.
 */
export const exportedMethodSchema = z.object({
    code,
    script: scriptName,
    description: z.string().optional(),
    /** A JSON Schema (object) of the params, for the caller's documentation. */
    params: requestSchema.optional(),
}).strict();

const httpMethod = z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export const apiMethodSchema = z.object({
    code,
    method: httpMethod.default('POST'),
    script: scriptName,
    description: z.string().optional(),
    request: requestSchema.optional(),
}).strict();

export const routeSchema = z.object({
    method: httpMethod,
    path: z.string().regex(/^\/api\/[A-Za-z0-9_\-/:]+$/, 'a path under /api/, with :params'),
    script: scriptName,
    /** Largest accepted body in bytes; larger bodies are answered 413. */
    bodyLimit: z.number().int().positive().default(1_048_576),
    description: z.string().optional(),
    request: requestSchema.optional(),
}).strict();

/**
 * A WebSocket for guests without an account (e.g. visitors of another site), at
 * `/api/sockets/<namespace>/<code>`. The script decides who may connect and what each
 * frame does; the host bounds frames and connections.
 */
export const socketSchema = z.object({
    code,
    script: scriptName,
    description: z.string().optional(),
    /** Largest frame a guest may send, in bytes; larger frames close the socket. */
    maxFrameBytes: z.number().int().positive().max(1_048_576).default(65_536),
    /** Frames a guest may send per minute before being refused (an upload counts as one). */
    framesPerMinute: z.number().int().positive().max(6_000).default(120),
    /** Largest file a guest may upload through the socket, in bytes; 0 (the default) allows none. */
    maxFileBytes: z.number().int().min(0).max(100 * 1_048_576).default(0),
}).strict();

/** First path segments the host serves itself: an embed may not take them. */
const hostPrefixes = ['api', 'web', 'apps', 'widgets', 'login', 'admin'];

/**
 * A script file of the package that other sites load with `<script src>`: served without
 * sign-in at `path` (one segment, then one parameter, e.g. `/webchat/:file`), whatever the
 * parameter is, so one file can serve many snippets (`/webchat/<channel id>.js`).
 */
const embedSchema = z.object({
    code: kebab,
    path: z.string().regex(/^\/[a-z0-9-]+\/:[A-Za-z]+$/, 'a path of one segment and one :param, e.g. /webchat/:file')
        .refine((p) => !hostPrefixes.includes(p.split('/')[1]), `the first segment may not be one the host serves (${hostPrefixes.join(', ')})`),
    description: z.string().optional(),
}).strict();

const schedule = z.object({
    code,
    script: scriptName,
    /** Period between runs in seconds. */
    everySeconds: z.number().int().min(1),
}).strict();

const widgetSetting = z.object({
    code,
    name: z.string().min(1),
    type: z.enum(['STRING', 'BOOLEAN', 'INTEGER', 'ENUM']),
    /** Choices of an ENUM setting. */
    options: z.array(choice).optional(),
    default: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    description: z.string().optional(),
}).strict().superRefine((s, ctx) => {
    if (s.type === 'ENUM' && !s.options?.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'an ENUM setting needs options' });
});

export const widgetSchema = z.object({
    code: kebab,
    name: z.string().min(1),
    /** Form fields whose values the widget receives, by variable name. */
    inputs: z.array(z.object({ code, name: z.string().min(1), type: z.enum(fieldTypes) }).strict()).default([]),
    /** RPC methods of the widget's server part, by name. */
    rpc: z.array(scriptName).default([]),
    /**
     * What whoever places the widget configures (BRIX: the widget's settings on a form). Each
     * becomes a context variable of the same code: the placement's value, else `default`.
     */
    settings: z.array(widgetSetting).default([]),
}).strict();

/** The package-level parts of a manifest: what it is, its groups, workspace, schedules and user menu. */
export const packageSchema = z.object({
    $schema: z.string().optional(),
    id: kebab,
    name: z.string().min(1),
    version: semver,
    /** Host versions the extension runs on, e.g. `>=0.1.0 <1.0.0`. */
    host: z.string().min(1),
    namespace: code,
    description: z.string().optional(),
    groups: z.array(z.object({ code, name: z.string().min(1) }).strict()).default([]),
    workspace: workspace.optional(),
    schedules: z.array(schedule).default([]),
    /** Widgets the shell mounts in the top bar's user menu on every page (e.g. a status switch). */
    userMenu: z.array(kebab).default([]),
    /**
     * A script run after every install and upgrade, with `Context.data.previousVersion` (null
     * on a first install): idempotent seeding and data migrations. If it fails, the extension
     * is marked failed with the error, and installing the package again runs it again.
     */
    onInstall: scriptName.optional(),
    /** Script files other sites embed (see embedSchema); the package carries each as `embeds/<code>.js`. */
    embeds: z.array(embedSchema).default([]),
    /**
     * The extension's own user, for scripts that act with no signed-in user (event handlers,
     * timers) when they call another extension: it has no rights but the groups an
     * administrator adds it to, and cannot sign in.
     */
    serviceUser: z.object({ name: z.string().min(1) }).strict().optional(),
}).strict();

/** One area's server entry points: API methods, public routes, guest sockets and event handlers. */
export const areaSchema = z.object({
    $schema: z.string().optional(),
    api: z.array(apiMethodSchema).default([]),
    routes: z.array(routeSchema).default([]),
    sockets: z.array(socketSchema).default([]),
    events: z.array(eventHandlerSchema).default([]),
    /** Methods other extensions may call (see exportedMethodSchema). */
    exports: z.array(exportedMethodSchema).default([]),
    /** Custom events (as emitted, e.g. `shop.order_paid`) whose handlers other extensions may declare with `from`. */
    publishes: z.array(z.string().min(1)).default([]),
}).strict();

export const manifestSchema = packageSchema.extend({
    apps: z.array(appSchema).default([]),
    events: z.array(eventHandlerSchema).default([]),
    api: z.array(apiMethodSchema).default([]),
    routes: z.array(routeSchema).default([]),
    sockets: z.array(socketSchema).default([]),
    widgets: z.array(widgetSchema).default([]),
    exports: z.array(exportedMethodSchema).default([]),
    publishes: z.array(z.string().min(1)).default([]),
}).strict().superRefine((m, ctx) => crossCheck(m as Loose, ctx), { when: () => true });

/** A manifest that may have failed other checks: every part is optional here. */
interface Loose {
    apps?: { code?: string; permissions?: Record<string, string[] | undefined>; fields?: { type?: string; app?: string }[]; formWidgets?: { widget?: string; settings?: Record<string, unknown> }[] }[];
    groups?: { code?: string }[];
    events?: { app?: string }[];
    widgets?: { code?: string; settings?: { code?: string; type?: string; options?: { code?: string }[] }[] }[];
    userMenu?: string[];
    workspace?: { sections?: { pages?: { app?: string; widget?: string; settings?: Record<string, unknown> }[] }[] };
}

const list = <T>(v: T[] | undefined): T[] => (Array.isArray(v) ? v : []);

/**
 * Checks references across the manifest (groups, apps, widgets). It runs even when other
 * parts failed, so an install refusal lists every problem at once.
 */
function crossCheck(m: Loose, ctx: z.RefinementCtx): void {
    const apps = list(m.apps);
    const appCodes = new Set(apps.map((a) => a?.code));
    const groups = new Set(['administrators', ...list(m.groups).map((g) => g?.code)]);
    const seen = new Set<string | undefined>();
    apps.forEach((a, i) => {
        if (seen.has(a?.code)) ctx.addIssue({ code: 'custom', path: ['apps', i, 'code'], message: `duplicate app ${a.code}` });
        seen.add(a?.code);
        Object.entries(a?.permissions ?? {}).forEach(([action, codes]) => list(codes).forEach((g, j) => {
            if (!groups.has(g)) ctx.addIssue({ code: 'custom', path: ['apps', i, 'permissions', action, j], message: `unknown group ${g}` });
        }));
        list(a?.fields).forEach((f, j) => {
            if (f?.type === 'SYS_COLLECTION' && f.app && !f.app.includes('.') && !appCodes.has(f.app)) {
                ctx.addIssue({ code: 'custom', path: ['apps', i, 'fields', j, 'app'], message: `unknown app ${f.app}` });
            }
        });
    });
    list(m.events).forEach((e, i) => {
        if (e?.app && !appCodes.has(e.app)) ctx.addIssue({ code: 'custom', path: ['events', i, 'app'], message: `unknown app ${e.app}` });
    });
    const widgets = new Set(list(m.widgets).map((w) => w?.code));
    apps.forEach((a, i) => list(a?.formWidgets).forEach((w, j) => {
        if (w?.widget && !widgets.has(w.widget)) ctx.addIssue({ code: 'custom', path: ['apps', i, 'formWidgets', j, 'widget'], message: `unknown widget ${w.widget}` });
        const declared = list(m.widgets).find((d) => d?.code === w?.widget);
        if (declared) checkSettings(declared, w?.settings ?? {}, ['apps', i, 'formWidgets', j, 'settings'], ctx);
    }));
    list(m.userMenu).forEach((w, i) => {
        if (!widgets.has(w)) ctx.addIssue({ code: 'custom', path: ['userMenu', i], message: `unknown widget ${w}` });
    });
    list(m.workspace?.sections).forEach((s, i) => list(s?.pages).forEach((p, j) => {
        if (p?.app && !appCodes.has(p.app)) ctx.addIssue({ code: 'custom', path: ['workspace', 'sections', i, 'pages', j, 'app'], message: `unknown app ${p.app}` });
        if (p?.widget && !widgets.has(p.widget)) ctx.addIssue({ code: 'custom', path: ['workspace', 'sections', i, 'pages', j, 'widget'], message: `unknown widget ${p.widget}` });
        const declared = list(m.widgets).find((d) => d?.code === p?.widget);
        if (declared) checkSettings(declared, p?.settings ?? {}, ['workspace', 'sections', i, 'pages', j, 'settings'], ctx);
    }));
}

/** Placement settings must be declared by the widget, and an ENUM setting's value one of its options. */
function checkSettings(widget: NonNullable<Loose['widgets']>[number], values: Record<string, unknown>, path: (string | number)[], ctx: z.RefinementCtx): void {
    for (const [key, value] of Object.entries(values)) {
        const setting = list(widget.settings).find((s) => s?.code === key);
        if (!setting) ctx.addIssue({ code: 'custom', path: [...path, key], message: `widget ${widget.code} has no setting ${key}` });
        else if (setting.type === 'ENUM' && value !== null && !list(setting.options).some((o) => o?.code === value)) {
            ctx.addIssue({ code: 'custom', path: [...path, key], message: `${String(value)} is not an option of ${key}` });
        }
    }
}

/** A manifest as the host reads it, defaults filled in. */
export type Manifest = z.output<typeof manifestSchema>;
/** A manifest as an extension writes it. */
export type ManifestInput = z.input<typeof manifestSchema>;
export type AppManifest = Manifest['apps'][number];
export type FieldManifest = AppManifest['fields'][number];

/** One problem found in a manifest, with the path to the value. */
export interface ManifestProblem {
    path: string;
    message: string;
}

/** Validates a manifest, listing every problem by path, e.g. `apps.0.fields.2.type`. */
export function parseManifest(value: unknown): { ok: true; manifest: Manifest } | { ok: false; problems: ManifestProblem[] } {
    const result = manifestSchema.safeParse(value);
    if (result.success) return { ok: true, manifest: result.data };
    return {
        ok: false,
        problems: result.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message })),
    };
}
