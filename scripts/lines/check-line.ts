/**
 * `beforeWrite` of the Live chats app: a live chat's linked apps (account and messages app)
 * must be installed apps it can use, whether it is saved through the form, the item API or a
 * script; a bad one refuses the save with the reason next to the field.
 */
import type { Line } from '../shared/apps';
import { linkedAppProblems } from '../accounts/linked-apps';

export async function checkLine(): Promise<void> {
    if (Context.data.action === 'delete') return;
    const line = Context.data.__item as unknown as Line;
    const previous = (Context.data.previous as unknown as Line | null) ?? null;
    const account = line.data.account_app || null;
    const messages = line.data.messages_app || null;
    // Unchanged links are not asked again: a right withdrawn later must not block other edits.
    const problems = await linkedAppProblems(
        account !== (previous?.data.account_app || null) ? account : null,
        messages !== (previous?.data.messages_app || null) ? messages : null,
    );
    const fields = Object.keys(problems);
    if (fields.length) throw new ApiError('VALIDATION_FAILED', `The live chat is not valid: ${fields.map((f) => `${f} ${problems[f]}`).join('; ')}`, 400, { fields: problems });
}
