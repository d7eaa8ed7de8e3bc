/**
 * Deleting a live chat (SPEC §3.2) ends its work: open sessions are closed, with a system
 * note saying why, and its channels are switched off, so no client writes into a live chat
 * nobody can see any more. Sessions keep their history and count in the reports, like any
 * closed session. Item event handler of `lines` (`item_delete`): it runs from the durable
 * event outbox after the delete commits, so a restart finishes what a crash interrupted;
 * the web shell's Delete asks for confirmation first.
 */
import closedWithLine from '../../templates/notes/closed-with-line.hbs';
import { switchOff } from '../channels/disconnect';
import { closeOpenSession } from '../sessions/close';
import { withFreshSession } from '../sessions/fresh';
import type { Line, SessionState } from '../shared/apps';
import { renderText } from '../shared/render-template';

const OPEN: SessionState[] = ['waiting', 'assigned_to_bot', 'assigned_to_operator'];

export async function onLineDeleted(): Promise<void> {
    const line = Context.data.__item as unknown as Line | undefined;
    if (!line) return;
    const open = await Namespace.app.sessions.search()
        .where((f, g) => g.and(f.line.eq(line.id), f.state.in(OPEN))).size(10_000).all();
    const note = renderText(closedWithLine, { line: line.data.__name });
    for (const session of open) {
        await withFreshSession(session, async () => {
            if (OPEN.includes(session.data.state.code)) await closeOpenSession(session, line, null, note, true);
        });
    }
    const channels = await Namespace.app.channels.search().where((f) => f.line.eq(line.id)).size(1_000).all();
    for (const channel of channels) {
        if (channel.data.state?.code !== 'disconnected') await switchOff(channel, 'The live chat was deleted');
    }
}
