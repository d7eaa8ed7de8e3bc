/**
 * Durable timers and manifest schedules. Every timer is a row; one in-process timeout is
 * armed for the earliest, and re-armed from the table at start, so nothing is lost in a
 * restart. A timer's row is removed only after its script ran (scripts check "already
 * done?" first, as a run can repeat after a crash).
 *
 * Due timers run concurrently up to a bound, so one slow script (a peer that takes seconds
 * to answer) never holds up unrelated timers. A timer never runs twice at once, and timers
 * sharing a serial key run one at a time, in due order.
 */
import type { Store, TimerRecord } from '../store/store';
import { detached } from './detached';
import type { LoadedExtension } from './extension-bundle';
import type { Logger } from './logger';

/** Longest sleep between looks at the table, so clock jumps and far timers stay correct. */
const MAX_SLEEP_MS = 60_000;

/** How many timer scripts run at once unless the host is told otherwise. */
export const DEFAULT_TIMER_CONCURRENCY = 8;

export class Scheduler {
    private handle: NodeJS.Timeout | undefined;
    private stopped = true;
    /** Runs in progress by timer key. */
    private readonly running = new Map<string, Promise<void>>();
    /** Serial keys of the runs in progress. */
    private readonly serialBusy = new Set<string>();
    private looking: Promise<void> | undefined;
    /** Timers set again while they ran, by key: written when the run ends. */
    private readonly again = new Map<string, TimerRecord>();
    private lookAgain = false;

    constructor(
        private readonly store: Store,
        private readonly logger: Logger,
        private readonly fire: (timer: TimerRecord) => Promise<void>,
        private readonly extension: (id: string) => LoadedExtension | undefined,
        private readonly concurrency = DEFAULT_TIMER_CONCURRENCY,
    ) {}

    start(): void {
        this.stopped = false;
        this.wake();
    }

    /** Stops starting timers and waits for the runs in progress. */
    async stop(): Promise<void> {
        this.stopped = true;
        if (this.handle) clearTimeout(this.handle);
        await this.looking;
        await Promise.all(this.running.values());
    }

    /**
     * Arms a timer. One set again while it runs here is only remembered, and written when the
     * run ends: its row stays in the table until then, so a crash still runs it again, and a
     * timer that a burst of writes keeps setting (one per channel, set by every message) costs
     * no write and no look per set.
     */
    async set(extensionId: string, key: string, at: number, script: string, payload: unknown, serialKey: string | null = null): Promise<void> {
        const timer: TimerRecord = { key, extensionId, script, runAt: at, payload, serialKey };
        if (this.running.has(key)) {
            this.again.set(key, timer);
            return;
        }
        await this.store.system.timers.put(timer);
        this.wake();
    }

    /** Looks at the table now, e.g. after the system clock was moved. */
    poke(): void {
        this.wake();
    }

    async cancel(key: string): Promise<void> {
        this.again.delete(key);
        await this.store.system.timers.remove(key);
    }

    /** Arms the extension's manifest schedules that are not armed yet. */
    async armSchedules(ext: LoadedExtension): Promise<void> {
        for (const s of ext.manifest.schedules) {
            const key = `schedule:${ext.id}:${s.code}`;
            if (!(await this.store.system.timers.get(key))) await this.set(ext.id, key, Date.now() + s.everySeconds * 1000, s.script, { schedule: s.code });
        }
    }

    /**
     * Looks at the table once more. Looks never overlap (so a timer cannot be started twice);
     * a wake during a look makes one more look after it. Detached: the caller may be a script
     * inside a transaction, whose context the runs must not inherit.
     */
    private wake(): void {
        if (this.looking) {
            this.lookAgain = true;
            return;
        }
        this.looking = detached(() => this.look())
            .catch((err: unknown) => this.logger.error({ err }, 'timer table could not be read'))
            .finally(() => {
                this.looking = undefined;
                if (this.lookAgain) {
                    this.lookAgain = false;
                    this.wake();
                }
            });
    }

    /** Starts what is due and may start; arms a timeout for the earliest of the rest. */
    private async look(): Promise<void> {
        if (this.stopped) return;
        if (this.handle) clearTimeout(this.handle);
        // Running timers, and due ones that must wait for a run to end, are left out: the end
        // of that run wakes the scheduler.
        const waiting = [...this.running.keys()];
        // A store shared by several instances hands each due timer to one of them; the ones
        // this instance does not start now are given back for whoever looks next.
        const unstarted: string[] = [];
        for (const timer of await this.store.system.timers.due(Date.now(), waiting)) {
            const ext = this.extension(timer.extensionId);
            if (!this.stopped && this.running.size < this.concurrency && ext && !(timer.serialKey && this.serialBusy.has(timer.serialKey))) this.begin(ext, timer);
            else unstarted.push(timer.key);
            waiting.push(timer.key);
        }
        if (unstarted.length) await this.store.system.timers.release(unstarted);
        if (this.stopped || this.running.size >= this.concurrency) return;
        const next = await this.store.system.timers.next(waiting);
        if (next === undefined || this.stopped) return;
        this.handle = setTimeout(() => this.wake(), Math.min(Math.max(next - Date.now(), 0), MAX_SLEEP_MS));
        this.handle.unref?.();
    }

    private begin(ext: LoadedExtension, timer: TimerRecord): void {
        if (timer.serialKey) this.serialBusy.add(timer.serialKey);
        const run = this.runOne(ext, timer)
            .catch((err: unknown) => this.logger.error({ extension: timer.extensionId, timer: timer.key, err }, 'timer could not be settled'))
            .finally(() => {
                this.running.delete(timer.key);
                if (timer.serialKey) this.serialBusy.delete(timer.serialKey);
                const next = this.again.get(timer.key);
                this.again.delete(timer.key);
                // Written over the row the run left in place; set wakes the scheduler.
                if (next) void this.set(next.extensionId, next.key, next.runAt, next.script, next.payload, next.serialKey)
                    .catch((err: unknown) => this.logger.error({ extension: next.extensionId, timer: next.key, err }, 'timer could not be set again'));
                else this.wake();
            });
        this.running.set(timer.key, run);
    }

    private async runOne(ext: LoadedExtension, timer: TimerRecord): Promise<void> {
        try {
            await this.fire(timer);
        } catch (error) {
            this.logger.error({ extension: timer.extensionId, script: timer.script, timer: timer.key, err: error }, 'timer script failed');
        }
        // Set again while it ran: the row stays until the end of the run writes the new one.
        if (this.again.has(timer.key)) return;
        const schedule = ext.manifest.schedules.find((s) => timer.key === `schedule:${ext.id}:${s.code}`);
        if (schedule) await this.store.system.timers.put({ ...timer, runAt: Date.now() + schedule.everySeconds * 1000 });
        else await this.removeIfUnchanged(timer);
    }

    /** A script may have set the same key again while it ran; keep that newer timer. */
    private async removeIfUnchanged(timer: TimerRecord): Promise<void> {
        const now = await this.store.system.timers.get(timer.key);
        if (now && now.runAt === timer.runAt && now.script === timer.script && JSON.stringify(now.payload) === JSON.stringify(timer.payload)) await this.store.system.timers.remove(timer.key);
    }
}
