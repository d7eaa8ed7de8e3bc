/**
 * Durable timers and manifest schedules. Every timer is a row; one in-process timeout is
 * armed for the earliest, and re-armed from the table at start, so nothing is lost in a
 * restart. A timer's row is removed only after its script ran (scripts check "already
 * done?" first, as a run can repeat after a crash).
 */
import type { Store, TimerRecord } from '../store/store';
import { detached } from './detached';
import type { LoadedExtension } from './extension-bundle';
import type { Logger } from './logger';

/** Longest sleep between looks at the table, so clock jumps and far timers stay correct. */
const MAX_SLEEP_MS = 60_000;

export class Scheduler {
    private handle: NodeJS.Timeout | undefined;
    private running: Promise<void> | undefined;
    private stopped = true;

    constructor(
        private readonly store: Store,
        private readonly logger: Logger,
        private readonly fire: (timer: TimerRecord) => Promise<void>,
        private readonly extension: (id: string) => LoadedExtension | undefined,
    ) {}

    start(): void {
        this.stopped = false;
        void this.arm();
    }

    async stop(): Promise<void> {
        this.stopped = true;
        if (this.handle) clearTimeout(this.handle);
        await this.running;
    }

    async set(extensionId: string, key: string, at: number, script: string, payload: unknown): Promise<void> {
        await this.store.system.timers.put({ key, extensionId, script, runAt: at, payload });
        void this.arm();
    }

    async cancel(key: string): Promise<void> {
        await this.store.system.timers.remove(key);
    }

    /** Arms the extension's manifest schedules that are not armed yet. */
    async armSchedules(ext: LoadedExtension): Promise<void> {
        for (const s of ext.manifest.schedules) {
            const key = `schedule:${ext.id}:${s.code}`;
            if (!(await this.store.system.timers.get(key))) await this.set(ext.id, key, Date.now() + s.everySeconds * 1000, s.script, { schedule: s.code });
        }
    }

    private async arm(): Promise<void> {
        if (this.stopped) return;
        if (this.handle) clearTimeout(this.handle);
        const next = await this.store.system.timers.next();
        if (next === undefined || this.stopped) return;
        const wait = Math.min(Math.max(next - Date.now(), 0), MAX_SLEEP_MS);
        // Armed from whatever call set the timer; the run must not inherit that call's context.
        this.handle = setTimeout(() => detached(() => {
            // One run at a time: a run in progress arms the next when it ends, so a timer
            // never fires twice and stop() waits for the only run there is.
            if (this.running) return;
            this.running = this.runDue().finally(() => {
                this.running = undefined;
                void this.arm();
            });
        }), wait);
        this.handle.unref?.();
    }

    private async runDue(): Promise<void> {
        for (const timer of await this.store.system.timers.due(Date.now())) {
            if (this.stopped) return;
            const ext = this.extension(timer.extensionId);
            if (!ext) continue;
            try {
                await this.fire(timer);
            } catch (error) {
                this.logger.error({ extension: timer.extensionId, script: timer.script, timer: timer.key, err: error }, 'timer script failed');
            }
            const schedule = ext.manifest.schedules.find((s) => timer.key === `schedule:${ext.id}:${s.code}`);
            if (schedule) await this.store.system.timers.put({ ...timer, runAt: Date.now() + schedule.everySeconds * 1000 });
            else await this.removeIfUnchanged(timer);
        }
    }

    /** A script may have set the same key again while it ran; keep that newer timer. */
    private async removeIfUnchanged(timer: TimerRecord): Promise<void> {
        const now = await this.store.system.timers.get(timer.key);
        if (now && now.runAt === timer.runAt && now.script === timer.script) await this.store.system.timers.remove(timer.key);
    }
}
