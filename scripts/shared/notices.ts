/**
 * The desk's notices (SPEC §2, §3.2): one push per event, only to the people it concerns —
 * the operators who may take a queued session, the operator of a session, and the
 * supervisors of its live chat — never to the one who caused it. The assignee of a session
 * hears of it through the assignment's own notification (sessions/assign.ts), not here too.
 */
import newSessionNotice from '../../templates/notices/new-session.hbs';
import closedNotice from '../../templates/notices/session-closed.hbs';
import invitedNotice from '../../templates/notices/session-invited.hbs';
import { groupCodes, type Line, type Session } from './apps';
import { renderText } from './render-template';

export type NoticeKind = 'info' | 'warning';

/** Active members of the groups, by id. */
async function membersOf(codes: readonly string[]): Promise<Set<string>> {
    const users = new Set<string>();
    for (const code of codes) {
        const group = await System.userGroups.get(code);
        for (const user of (await group?.users()) ?? []) if (user.data.__status === 'active') users.add(user.id);
    }
    return users;
}

async function send(line: Line, session: Session, users: Set<string>, text: string, kind: NoticeKind): Promise<void> {
    if (!users.size) return;
    await System.realtime.publish({ users: [...users] }, 'live_chats.notice', { line: line.id, session: session.id, text, kind });
}

/** Who may take a waiting session: its group's operators, or every operator of the live chat. */
async function mayTake(line: Line, session: Session): Promise<Set<string>> {
    const group = session.data.operator_group;
    return membersOf(group ? [group] : groupCodes(line.data.operator_groups));
}

/**
 * A new or resumed session after routing: supervisors hear of it, and while it waits so do
 * the operators who may take it. Spam is no news.
 */
export async function noticeNewSession(line: Line, session: Session): Promise<void> {
    const state = session.data.state.code;
    if (state === 'marked_as_spam' || state === 'closed') return;
    const users = await membersOf(groupCodes(line.data.supervisor_groups));
    if (state === 'waiting') for (const id of await mayTake(line, session)) users.add(id);
    const operator = session.data.operator?.id;
    if (operator) users.delete(operator);
    await send(line, session, users, renderText(newSessionNotice, { name: session.data.__name }), 'info');
}

/** A session put in a group's queue by someone: that group's operators may take it. */
export async function noticeInvited(line: Line, session: Session, by: string): Promise<void> {
    const users = await mayTake(line, session);
    users.delete(by);
    await send(line, session, users, renderText(invitedNotice, { name: session.data.__name }), 'info');
}

/** A closed session: its operator and the supervisors, unless they closed it themselves. */
export async function noticeClosed(line: Line, session: Session, by: string | null, byName: string | null): Promise<void> {
    const users = await membersOf(groupCodes(line.data.supervisor_groups));
    const operator = session.data.operator?.id;
    if (operator) users.add(operator);
    if (by) users.delete(by);
    await send(line, session, users, renderText(closedNotice, { name: session.data.__name, by: byName }), 'info');
}
