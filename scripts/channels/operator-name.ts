/**
 * "Show operator name to clients" (SPEC §11, per live chat): an operator's reply reaches the
 * client with the operator's display name — in the channel's own name field where it has
 * one (the website chat's author, an e-mail's From), otherwise before the text as
 * templates/messages/operator-name.hbs puts it (Telegram, the arbitrary messenger, whose
 * contract has no name field).
 */
import type { Message, Session } from '../shared/apps';
import operatorNameLayout from '../../templates/messages/operator-name.hbs';
import { renderText } from '../shared/render-template';
import { loadLine } from '../sessions/load';

/** The operator's name the client is shown with this reply, or null when the live chat hides it (or no operator wrote it). */
export async function shownOperatorName(session: Session, message: Message): Promise<string | null> {
    if (message.data.author_kind.code !== 'operator' || !message.data.author) return null;
    const line = await loadLine(session.data.line.id);
    if (!line.data.show_operator_name) return null;
    const user = await System.users.search().where((f) => f.__id.eq(message.data.author!.id)).first();
    return user?.data.fullname || null;
}

/** The reply's text as a channel without a name field sends it: named when the live chat shows names. */
export async function textWithOperatorName(session: Session, message: Message): Promise<string> {
    const text = message.data.text ?? '';
    const operator = text.trim() ? await shownOperatorName(session, message) : null;
    return operator ? renderText(operatorNameLayout, { operator, text }) : text;
}
