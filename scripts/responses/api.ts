/**
 * The API of response templates (SPEC §7): `templates_search` lists articles and templates
 * for a keyword (or templates by the start of a short code, `/gre`), `template_render` gives a
 * template's text for one reply, with warnings and the questions to ask before inserting.
 * Both take the rights of replying (responder.ts).
 */
import type { HttpApiRequest, HttpResponse, TJSON } from '@brix/sdk';
import { refusal } from '../shared/errors';
import { input, ok, requiredText } from '../shared/http';
import type { Article, ResponseTemplate } from './apps';
import { templateContext } from './context';
import { renderTemplate, templateProblem } from './render';
import { responder } from './responder';
import type { ResponseHit } from './response-hit';
import { normalShortCode } from './short-code';

/** Results per kind: a picker shows a screenful; a longer keyword narrows it. */
const PAGE = 20;

const templateHit = (t: ResponseTemplate): ResponseHit => ({
    kind: 'template', id: t.id, name: t.data.__name, description: t.data.description ?? '', folder: t.data.folder ?? '', shortCode: t.data.short_code, link: null,
});
const articleHit = (a: Article): ResponseHit => ({
    kind: 'article', id: a.id, name: a.data.__name, description: a.data.description ?? '', folder: a.data.folder ?? '', shortCode: null, link: a.data.link,
});

/** Templates whose short code starts with `prefix`: a range on the indexed column. */
async function byShortCode(prefix: string): Promise<ResponseHit[]> {
    const found = await Namespace.app.templates.search()
        .where((f, g) => g.and(f.short_code.gte(prefix), f.short_code.lt(`${prefix}\u{10FFFF}`)))
        .sort('short_code', true).size(PAGE).all();
    return found.map(templateHit);
}

async function byKeyword(q: string): Promise<ResponseHit[]> {
    const [templates, articles] = await Promise.all([
        Namespace.app.templates.search().where((_f, g) => g.fts(q)).sort('__name', true).size(PAGE).all(),
        Namespace.app.articles.search().where((_f, g) => g.fts(q)).sort('__name', true).size(PAGE).all(),
    ]);
    return [...templates.map(templateHit), ...articles.map(articleHit)];
}

async function everything(): Promise<ResponseHit[]> {
    const [templates, articles] = await Promise.all([
        Namespace.app.templates.search().sort('__name', true).size(PAGE).all(),
        Namespace.app.articles.search().sort('__name', true).size(PAGE).all(),
    ]);
    return [...templates.map(templateHit), ...articles.map(articleHit)];
}

export async function searchTemplates(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    await responder(values);
    const q = typeof values.q === 'string' ? values.q.trim() : '';
    if (q.length > 200) throw refusal('VALIDATION_FAILED', 'q is longer than 200 characters', { q: 'is too long' });
    const items = q.startsWith('/') ? await byShortCode(normalShortCode(q)) : q ? await byKeyword(q) : await everything();
    return ok({ items });
}

function answersOf(value: TJSON | undefined): Record<string, string> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) throw refusal('VALIDATION_FAILED', 'answers must be an object of question → text', { answers: 'must be an object' });
    const answers: Record<string, string> = {};
    for (const [question, answer] of Object.entries(value)) {
        if (typeof answer !== 'string' || answer.length > 2000) throw refusal('VALIDATION_FAILED', `The answer to "${question}" must be text of up to 2000 characters`, { answers: 'must be text' });
        answers[question] = answer;
    }
    return answers;
}

export async function renderTemplateFor(req: HttpApiRequest): Promise<HttpResponse> {
    const values = input(req);
    const r = await responder(values);
    const id = requiredText(values, 'templateId', 100);
    const answers = answersOf(values.answers);
    const template = await Namespace.app.templates.search().where((f) => f.__id.eq(id)).first();
    if (!template) throw refusal('NOT_FOUND', `No template ${id}`);
    // A template saved before a check existed, or imported, may not compile: say so, do not fail.
    const problem = templateProblem(template.data.text ?? '');
    if (problem) throw refusal('VALIDATION_FAILED', `The template "${template.data.__name}" cannot be used: ${problem}`, { templateId: 'is broken' });
    const rendered = renderTemplate(template.data.text, await templateContext(r), answers);
    return ok({ template: templateHit(template), ...rendered });
}
