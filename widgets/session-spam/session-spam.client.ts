/**
 * *Remove from spam* on the Sessions app's form (SPEC §3.2): a session marked as spam is found
 * through the Sessions app, and its supervisors and administrators restore it there. The
 * server's session card says the caller's role and why the action would be refused now, so
 * the widget shows the button only to those who may restore spam, disabled with the reason
 * (e.g. Offline) when the server would refuse; `unmark_spam` checks the same rights again.
 */
interface SessionCard {
    session: { id: string; state: string };
    role: string;
    refusals: { unmark_spam: string | null };
}

/** Roles that restore spam (scripts/access/guard.ts); others never see the action. */
const restorers = ['administrator', 'supervisor'];

const sessionId = () => Context.form?.itemId ?? null;

async function spamCard(): Promise<SessionCard | null> {
    const id = sessionId();
    if (!id) return null;
    try {
        const card = await Server.call<SessionCard>('session_card', { sessionId: id });
        return card.session.state === 'marked_as_spam' && restorers.includes(card.role) ? card : null;
    } catch {
        // Not staff of the session's live chat: nothing to offer here.
        return null;
    }
}

export async function onInit(): Promise<void> {
    const card = await spamCard();
    Context.data.shown = card !== null;
    Context.data.reason = card?.refusals.unmark_spam ?? null;
    // The form's box stays out of sight unless there is something to do.
    ViewContext.root.hidden = card === null;
}

export async function removeFromSpam(): Promise<void> {
    const id = sessionId();
    if (!id) return;
    try {
        await Server.call('unmark_spam', { sessionId: id });
        UI.notify('Removed from spam', 'success');
        // Opened again so the form's fields show the restored state.
        UI.openForm('sessions', id);
    } catch (error) {
        UI.notify(error instanceof Error ? error.message : String(error), 'error');
    }
}
