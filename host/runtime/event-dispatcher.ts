/**
 * Delivers item and custom events to the handlers the manifest declares. Events are
 * written to the outbox in the same transaction as the change that raised them, and run
 * after it commits; an event is removed once its handlers ran, so a restart resumes.
 */
import type { OutboxEvent, Store } from '../store/store';
import { detached } from './detached';
import type { LoadedExtension } from './extension-bundle';
import type { Logger } from './logger';

export interface HandlerCall {
    extension: LoadedExtension;
    script: string;
    kind: string;
    payload: unknown;
}

export class EventDispatcher {
    private draining: Promise<void> | undefined;
    private again = false;

    constructor(
        private readonly store: Store,
        private readonly logger: Logger,
        private readonly extensions: () => LoadedExtension[],
        private readonly run: (call: HandlerCall) => Promise<void>,
    ) {}

    /** Wakes the dispatcher after events were queued. */
    kick(): void {
        if (this.draining) {
            this.again = true;
            return;
        }
        // Kicked from inside the write that queued the event: handlers run after it commits,
        // in no transaction's or caller's context.
        this.draining = detached(() => this.drain()).finally(() => {
            this.draining = undefined;
            if (this.again) {
                this.again = false;
                this.kick();
            }
        });
    }

    /** Resolves when every queued event was handled. */
    async idle(): Promise<void> {
        while (this.draining) await this.draining;
    }

    private handlers(event: OutboxEvent): { extension: LoadedExtension; script: string }[] {
        const extension = this.extensions().find((e) => e.id === event.extensionId);
        if (!extension) return [];
        const payload = event.payload as { app?: string; event?: string };
        const own = extension.manifest.events
            .filter((h) => h.on === event.kind && (event.kind === 'custom'
                ? h.event === payload.event && (!h.from || h.from === extension.manifest.namespace)
                : `${extension.manifest.namespace}.${h.app}` === payload.app))
            .map((h) => ({ extension, script: h.script }));
        if (event.kind !== 'custom' || !extension.manifest.publishes.includes(payload.event ?? '')) return own;
        // A published event also reaches the handlers other extensions declare `from` this one.
        const namespace = extension.manifest.namespace;
        const others = this.extensions().filter((e) => e.id !== extension.id).flatMap((e) => e.manifest.events
            .filter((h) => h.on === 'custom' && h.from === namespace && h.event === payload.event)
            .map((h) => ({ extension: e, script: h.script })));
        return [...own, ...others];
    }

    private async drain(): Promise<void> {
        for (;;) {
            const batch = await this.store.system.outbox.pending(50);
            if (batch.length === 0) return;
            for (const event of batch) {
                for (const handler of this.handlers(event)) {
                    try {
                        await this.run({ ...handler, kind: event.kind, payload: event.payload });
                    } catch (error) {
                        this.logger.error({ extension: handler.extension.id, script: handler.script, event: event.kind, err: error }, 'event handler failed');
                    }
                }
                await this.store.system.outbox.done(event.id);
            }
        }
    }
}
