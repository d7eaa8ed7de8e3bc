/**
 * Work that outlives the call that started it — timer runs, event handlers after a commit,
 * retries — must not inherit that call's AsyncLocalStorage: a finished transaction's
 * after-commit list would swallow its pushes, and its "inside a transaction" flag would let
 * it skip the queue. Node copies every store into each new callback, so the only way out is
 * to start such work from a scope where no store was ever set.
 */
import { AsyncResource } from 'node:async_hooks';

/** Created when this module loads, before any request, script call or transaction runs. */
const root = new AsyncResource('brix.detached', { requireManualDestroy: true });

/** Runs `work` now, in the empty scope: no request's, script call's or transaction's context. */
export function detached<T>(work: () => T): T {
    return root.runInAsyncScope(work);
}
