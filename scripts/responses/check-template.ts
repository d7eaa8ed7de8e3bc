/**
 * `beforeWrite` of the Templates app: the text compiles in the same locked-down Handlebars
 * that renders it, and a short code is in normal form and used by no other template.
 */
import type { ResponseTemplate } from './apps';
import { templateProblem } from './render';
import { shortCodeProblem } from './short-code';

async function problemsOf(template: ResponseTemplate): Promise<Record<string, string>> {
    const problems: Record<string, string> = {};
    const textProblem = templateProblem(template.data.text ?? '');
    if (textProblem) problems.text = textProblem;
    const code = template.data.short_code;
    if (code) {
        const shapeProblem = shortCodeProblem(code);
        if (shapeProblem) problems.short_code = shapeProblem;
        else {
            const other = await Namespace.app.templates.search()
                .where((f, g) => g.and(f.short_code.eq(code), f.__id.neq(template.id))).first();
            if (other) problems.short_code = `/${code} is already the short code of "${other.data.__name}"`;
        }
    }
    return problems;
}

export async function checkTemplate(): Promise<void> {
    if (Context.data.action === 'delete') return;
    const problems = await problemsOf(Context.data.__item as unknown as ResponseTemplate);
    const fields = Object.keys(problems);
    if (fields.length) {
        throw new ApiError('VALIDATION_FAILED', `The template is not valid: ${fields.map((f) => `${f} ${problems[f]}`).join('; ')}`, 400, { fields: problems });
    }
}
