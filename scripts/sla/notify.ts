/**
 * Who hears of an SLA reminder or violation, and how (SPEC §6): the SLA's user, group and
 * the session's operator; when the SLA names nobody, the operator, or the live chat's
 * supervisors while nobody is assigned. In the activity stream, or by e-mail through a
 * durable, retried send.
 */
import type { Audience } from '@brix/sdk';
import { groupCodes, type Line, type Session, type SlaStandard } from '../shared/apps';
import { renderText } from '../shared/render-template';
import reminderMail from '../../templates/emails/sla-reminder.hbs';
import violationMail from '../../templates/emails/sla-violated.hbs';
import reminderNotice from '../../templates/notifications/sla-reminder.hbs';
import violationNotice from '../../templates/notifications/sla-violated.hbs';
import type { SlaTerms } from './terms';
import { queueMail } from './mail';

export type SlaNews = 'reminder' | 'violation';

const standardNames: Record<SlaStandard, string> = { reaction: 'Reaction time', response: 'Response time', resolution: 'Resolution time' };

export function recipients(terms: SlaTerms, session: Session, line: Line): Audience {
    const operator = session.data.operator?.id ?? null;
    const users = [terms.notify.user, terms.notify.operator ? operator : null].filter((u): u is string => Boolean(u));
    const groups = terms.notify.group ? [terms.notify.group] : [];
    if (users.length || groups.length) return { users, groups };
    return operator ? { users: [operator] } : { groups: groupCodes(line.data.supervisor_groups) };
}

function variables(session: Session, line: Line, std: SlaStandard, deadline: number | null, terms: SlaTerms) {
    const zone = terms.calendar.zone;
    return {
        standard: standardNames[std], session_name: session.data.__name, line_name: line.data.__name, sla_name: terms.name,
        deadline: deadline === null ? '' : new TDatetime(deadline).format('yyyy-MM-dd HH:mm', zone), time_zone: zone,
        link: `${System.baseUrl}/widgets/live-chats/desk?line=${line.id}&session=${session.id}`,
    };
}

/** Sends the reminder or violation notice by the channel asked for. */
export async function tell(news: SlaNews, by: 'activity_stream' | 'email', ctx: { session: Session; line: Line; std: SlaStandard; deadline: number | null; terms: SlaTerms; cycle: number }): Promise<void> {
    const { session, line, std, deadline, terms } = ctx;
    const audience = recipients(terms, session, line);
    const vars = variables(session, line, std, deadline, terms);
    if (by === 'activity_stream') {
        const title = renderText(news === 'reminder' ? reminderNotice : violationNotice, vars);
        await System.notifications.send(audience, { title, text: session.data.__name, link: `/widgets/live-chats/desk?line=${line.id}&session=${session.id}` });
        return;
    }
    const text = renderText(news === 'reminder' ? reminderMail : violationMail, vars);
    const [subject, ...body] = text.split('\n');
    await queueMail(`${news}:${session.id}:${std}:${ctx.cycle}`, audience, subject.trim(), body.join('\n').trim());
}
