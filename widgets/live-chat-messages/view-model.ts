/**
 * The widget's state and what its template draws from it: pure functions, so the states
 * (loading, error, no access, empty, reader, operator, archive) are tested in jsdom.
 */
import { formatMessageTime, threadView, type ThreadMessage, type ThreadSession, type ThreadView } from '../shared/thread/thread-view';

export interface SessionSummary {
    id: string;
    name: string;
    state: string;
    stateName: string;
    closed: boolean;
    channelName: string;
    operatorName: string | null;
    createdAt: string;
    lastActivityAt: string;
}

export interface NewSessionTarget {
    client: string;
    name: string;
    channelName: string;
    /** Why the server would refuse now (OPERATOR_OFFLINE), or null. */
    refusal: string | null;
}

export interface WidgetState {
    phase: 'loading' | 'ready' | 'error' | 'no-access' | 'unsaved';
    error: string | null;
    sessions: SessionSummary[];
    clients: string[];
    tab: 'active' | 'archive';
    selected: string | null;
    /** The user's role in the selected session's live chat. */
    role: string | null;
    threadSessions: ThreadSession[];
    messages: ThreadMessage[];
    hasEarlier: boolean;
    showSystem: boolean;
    replyRefusal: string | null;
    newSession: NewSessionTarget[];
    composingNew: boolean;
    busy: boolean;
}

export function initialState(): WidgetState {
    return {
        phase: 'loading', error: null, sessions: [], clients: [], tab: 'active', selected: null, role: null,
        threadSessions: [], messages: [], hasEarlier: false, showSystem: false, replyRefusal: null,
        newSession: [], composingNew: false, busy: false,
    };
}

/** What the composer area says instead of a composer, by the server's refusal code. */
const replyNotes: Record<string, string> = {
    FORBIDDEN_ROLE: 'You can read this conversation but not reply.',
    OPERATOR_OFFLINE: 'Switch to Online to reply.',
    NOT_YOUR_SESSION: 'Only the operator the session is assigned to can reply.',
    SESSION_CLOSED: 'This session is closed.',
    SESSION_IS_SPAM: 'This session is marked as spam.',
};

export function widgetView(state: WidgetState, options: { timeZone?: string; now?: Date } = {}) {
    const ready = state.phase === 'ready';
    const listed = state.sessions.filter((s) => s.closed === (state.tab === 'archive'));
    const selected = state.sessions.find((s) => s.id === state.selected) ?? null;
    const thread: ThreadView | null = ready && selected ? threadView(state.threadSessions, state.messages, {
        currentSessionId: selected.id, showSystem: state.showSystem, hasEarlier: state.hasEarlier, ...options,
    }) : null;
    const available = state.newSession.filter((t) => !t.refusal);
    return {
        loading: state.phase === 'loading',
        error: state.phase === 'error' ? state.error ?? 'Something went wrong' : null,
        noAccess: state.phase === 'no-access',
        unsaved: state.phase === 'unsaved',
        ready,
        empty: ready && state.sessions.length === 0,
        readOnly: state.role === 'reader',
        busy: state.busy,
        tabs: {
            active: { selected: state.tab === 'active', count: state.sessions.filter((s) => !s.closed).length },
            archive: { selected: state.tab === 'archive', count: state.sessions.filter((s) => s.closed).length },
        },
        sessions: listed.map((s) => ({
            ...s,
            current: s.id === state.selected,
            when: formatMessageTime(s.lastActivityAt, options),
        })),
        listEmpty: listed.length === 0 ? (state.tab === 'archive' ? 'No closed sessions' : 'No active sessions') : null,
        selected,
        thread,
        canReply: Boolean(selected) && state.replyRefusal === null,
        replyNote: selected && state.replyRefusal ? replyNotes[state.replyRefusal] ?? 'You cannot reply here.' : null,
        newSession: state.newSession.length ? {
            open: state.composingNew,
            targets: available,
            note: available.length ? null : state.newSession[0].refusal === 'OPERATOR_OFFLINE'
                ? 'Switch to Online to start a session.' : 'You cannot start a session now.',
        } : null,
    };
}
