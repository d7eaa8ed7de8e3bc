/**
 * Fills in a session's custom properties (SPEC §3.1) from the session panel: the operator of
 * the session or a supervisor. Each value must fit the type its live chat declares; one bad
 * value refuses the whole change. Only the properties sent change; null clears one.
 */
import type { HttpApiRequest, HttpResponse, TJSON } from '@brix/sdk';
import { declaredProperties, valueProblem } from '../lines/custom-properties';
import { refusal } from '../shared/errors';
import { ok } from '../shared/http';
import { publishSessionChange } from '../shared/publish';
import { sessionView } from '../shared/views';
import { withFreshSession } from './fresh';
import { requireOpen } from './load';
import { sessionRequest } from './session-request';

export async function setCustomProperties(req: HttpApiRequest): Promise<HttpResponse> {
    const { values, session, line } = await sessionRequest(req, 'set_properties');
    const sent = values.properties;
    if (typeof sent !== 'object' || sent === null || Array.isArray(sent)) throw refusal('VALIDATION_FAILED', 'properties must be an object of code: value', { properties: 'must be an object' });
    const declared = new Map(declaredProperties(line.data.custom_properties).map((d) => [d.code, d]));
    const problems: Record<string, string> = {};
    for (const [code, value] of Object.entries(sent)) {
        const declaration = declared.get(code);
        const problem = declaration ? valueProblem(declaration, value) : 'is not a property of this live chat';
        if (problem) problems[`properties.${code}`] = problem;
    }
    const paths = Object.keys(problems);
    if (paths.length) throw refusal('VALIDATION_FAILED', `The properties are not valid: ${paths.map((p) => `${p} ${problems[p]}`).join('; ')}`, problems);
    await withFreshSession(session, async () => {
        requireOpen(session);
        const current = session.data.custom_properties;
        const merged: Record<string, TJSON> = typeof current === 'object' && current !== null && !Array.isArray(current) ? { ...current } : {};
        for (const [code, value] of Object.entries(sent)) {
            if (value === null) delete merged[code];
            else merged[code] = value as TJSON;
        }
        session.data.custom_properties = merged;
        await session.save();
    });
    await publishSessionChange(line, 'session_updated', session);
    return ok({ session: sessionView(session) });
}
