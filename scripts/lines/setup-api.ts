/**
 * A live chat's setup page (SPEC §11), administrators only: its groups picked from the
 * host's real user groups, its time zone, its session naming template with a preview
 * rendered by the code that names sessions, its custom session properties and its channels.
 */
import type { HttpApiRequest, HttpResponse, TJSON } from '@brix/sdk';
import { IANAZone } from 'luxon';
import { caller, requireAdministrator } from '../access/roles';
import { nameFromTemplate } from '../inbound/session-name';
import { groupCodes, type Line } from '../shared/apps';
import { refusal } from '../shared/errors';
import { input, ok, optionalText, requiredText, type Input } from '../shared/http';
import { loadLine } from '../sessions/load';
import { declarationProblems, declaredProperties } from './custom-properties';

const groupFields = ['operator_groups', 'supervisor_groups', 'reader_groups', 'internal_customer_groups'] as const;
const MAX_TEMPLATE = 500;


/** Every IANA zone the runtime knows, UTC first. */
function timeZones(): string[] {
    const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
    return ['UTC', ...supported.filter((z) => z !== 'UTC')];
}

function lineSetup(line: Line) {
    const d = line.data;
    return {
        id: line.id, name: d.__name, time_zone: d.time_zone || 'UTC', naming_template: d.naming_template ?? '',
        ...Object.fromEntries(groupFields.map((f) => [f, groupCodes(d[f])])),
        custom_properties: declaredProperties(d.custom_properties),
    };
}

async function channelsOf(line: Line) {
    const channels = await Namespace.app.channels.search().where((f) => f.line.eq(line.id)).size(1000).all();
    return channels.map((c) => ({ id: c.id, name: c.data.__name, kind: c.data.kind.code, state: c.data.state?.code ?? 'active', last_error: c.data.last_error ?? null }));
}

/** The live chats to choose from and, for `lineId`, its setup, the groups, zones and channels. */
export async function getLineSetup(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const values = input(req);
    const lines = (await Namespace.app.lines.search().size(1000).all()).map((l) => ({ id: l.id, name: l.data.__name }));
    const lineId = optionalText(values, 'lineId', 100);
    if (!lineId) return ok({ lines });
    const line = await loadLine(lineId);
    const groups = (await System.userGroups.search().all()).map((g) => ({ code: g.data.code, name: g.data.__name }));
    return ok({ lines, line: lineSetup(line), groups, zones: timeZones(), channels: await channelsOf(line) });
}

/** Checks every value first; one bad value refuses the save and changes nothing. */
async function setupProblems(values: Input): Promise<Record<string, string>> {
    const problems: Record<string, string> = {};
    const known = new Set((await System.userGroups.search().all()).map((g) => g.data.code));
    for (const field of groupFields) {
        const value = values[field];
        if (value === undefined) continue;
        if (!Array.isArray(value) || value.some((c) => typeof c !== 'string')) problems[field] = 'must be a list of group codes';
        else {
            const unknown = value.filter((c) => !known.has(c as string));
            if (unknown.length) problems[field] = `no such group: ${unknown.join(', ')}`;
        }
    }
    const zone = values.time_zone;
    if (zone !== undefined && (typeof zone !== 'string' || !IANAZone.isValidZone(zone))) problems.time_zone = 'must be an IANA time zone such as Europe/Berlin';
    const template = values.naming_template;
    if (template !== undefined && template !== null && (typeof template !== 'string' || template.length > MAX_TEMPLATE)) problems.naming_template = `must be text of up to ${MAX_TEMPLATE} characters`;
    if (values.custom_properties !== undefined) Object.assign(problems, declarationProblems(values.custom_properties));
    return problems;
}

export async function saveLineSetup(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const values = input(req);
    const line = await loadLine(requiredText(values, 'lineId', 100));
    const problems = await setupProblems(values);
    const fields = Object.keys(problems);
    if (fields.length) throw refusal('VALIDATION_FAILED', `The live chat setup is not valid: ${fields.map((f) => `${f} ${problems[f]}`).join('; ')}`, problems);
    for (const field of groupFields) if (values[field] !== undefined) line.data[field] = [...new Set(values[field] as string[])];
    if (values.time_zone !== undefined) line.data.time_zone = values.time_zone as string;
    if (values.naming_template !== undefined) line.data.naming_template = (values.naming_template as string | null) || null;
    if (values.custom_properties !== undefined) {
        line.data.custom_properties = (values.custom_properties as { code: string; name: string; type: string }[])
            .map((p) => ({ code: p.code, name: p.name.trim(), type: p.type })) as unknown as TJSON;
    }
    await line.save();
    return ok({ line: lineSetup(line) });
}

/** A session name as the template would give it now, for a sample client and channel. */
export async function previewSessionName(req: HttpApiRequest): Promise<HttpResponse> {
    requireAdministrator(await caller());
    const values = input(req);
    const line = await loadLine(requiredText(values, 'lineId', 100));
    const template = values.naming_template;
    if (template !== undefined && template !== null && (typeof template !== 'string' || template.length > MAX_TEMPLATE)) {
        throw refusal('VALIDATION_FAILED', `naming_template must be text of up to ${MAX_TEMPLATE} characters`, { naming_template: 'is too long' });
    }
    const zone = typeof values.time_zone === 'string' && IANAZone.isValidZone(values.time_zone) ? values.time_zone : line.data.time_zone;
    const channel = optionalText(values, 'channelName', 200) ?? (await channelsOf(line))[0]?.name ?? 'Website';
    const name = nameFromTemplate(typeof template === 'string' ? template : line.data.naming_template, zone, {
        client_name: optionalText(values, 'clientName', 200) ?? 'Jane Doe', channel_name: channel, line_name: line.data.__name, external_chat_name: 'Order question',
    });
    return ok({ name });
}
