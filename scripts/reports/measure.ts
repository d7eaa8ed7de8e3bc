/**
 * The numbers one closed stretch of a session adds to the reports (SPEC §8), from its
 * messages alone: pure, so the tests state the definitions directly.
 *
 * - response time: from a client message (the first one not yet answered) to the operator's
 *   next reply; each reply that answers something is one sample;
 * - wait time: the longest of those samples;
 * - session duration: from the stretch's start to its close;
 * - first response time: from assignment to the operator's first reply after it.
 * Staff-only messages (system notes) count for nothing.
 */
export interface TimedMessage {
    at: number;
    kind: 'client' | 'operator' | 'system' | 'bot';
    staffOnly: boolean;
}

export interface StretchMeasure {
    responseSumMs: number;
    responseCount: number;
    maxWaitMs: number;
    durationMs: number;
    /** null when nobody was assigned, or no reply followed the assignment. */
    firstResponseMs: number | null;
}

export function measureStretch(messages: TimedMessage[], stretch: { start: number; acceptedAt: number | null; closedAt: number }): StretchMeasure {
    const inside = messages
        .filter((m) => !m.staffOnly && m.at >= stretch.start && m.at <= stretch.closedAt)
        .sort((a, b) => a.at - b.at);
    let pendingSince: number | null = null;
    let responseSumMs = 0;
    let responseCount = 0;
    let maxWaitMs = 0;
    for (const m of inside) {
        if (m.kind === 'client' && pendingSince === null) pendingSince = m.at;
        if (m.kind === 'operator' && pendingSince !== null) {
            const sample = m.at - pendingSince;
            responseSumMs += sample;
            responseCount += 1;
            maxWaitMs = Math.max(maxWaitMs, sample);
            pendingSince = null;
        }
    }
    const accepted = stretch.acceptedAt === null ? null : Math.max(stretch.acceptedAt, stretch.start);
    const firstReply = accepted === null ? undefined : inside.find((m) => m.kind === 'operator' && m.at >= accepted);
    return {
        responseSumMs,
        responseCount,
        maxWaitMs,
        durationMs: Math.max(0, stretch.closedAt - stretch.start),
        firstResponseMs: firstReply && accepted !== null ? firstReply.at - accepted : null,
    };
}
