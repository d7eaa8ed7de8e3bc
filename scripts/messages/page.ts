/**
 * One page of messages, newest first by their place in the thread, for the `session` and
 * `thread` methods: a long conversation is read a page at a time, never whole.
 */
import type { Input } from '../shared/http';
import { refusal } from '../shared/errors';
import type { Message, Session } from '../shared/apps';
import { ofSessions } from './sequence';

export interface PageRequest {
    size: number;
    /** Only messages before this place in the thread (the previous page's first `seq`). */
    beforeSeq: number | undefined;
    /** Whether staff-only system notes are included. */
    withSystem: boolean;
}

/** Reads `size` (1–200, default `fallback`) and `beforeSeq` of a request. */
export function pageRequest(values: Input, withSystem: boolean, fallback: number): PageRequest {
    const size = values.size === undefined ? fallback : Number(values.size);
    if (!Number.isInteger(size) || size < 1 || size > 200) throw refusal('VALIDATION_FAILED', 'size must be 1 to 200', { size: 'invalid value' });
    const before = values.beforeSeq === undefined || values.beforeSeq === '' ? undefined : Number(values.beforeSeq);
    if (before !== undefined && !Number.isSafeInteger(before)) throw refusal('VALIDATION_FAILED', 'beforeSeq must be the seq of a message', { beforeSeq: 'invalid value' });
    return { size, beforeSeq: before, withSystem };
}

/** The page of the messages of `sessions` (of one thread), oldest first, and whether earlier messages are left. */
export async function messagePage(sessions: Session[], page: PageRequest): Promise<{ messages: Message[]; hasMore: boolean }> {
    const found = await Namespace.app.messages.search().where((f, g) => g.and(
        ...ofSessions(f, sessions),
        ...(page.withSystem ? [] : [f.staff_only.eq(false)]),
        ...(page.beforeSeq === undefined ? [] : [f.seq.lt(page.beforeSeq)]),
    )).sort('seq', false).size(page.size + 1).all();
    return { messages: found.slice(0, page.size).reverse(), hasMore: found.length > page.size };
}
