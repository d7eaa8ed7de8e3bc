import { SqliteStore } from '../store/sqlite/sqlite-store';
import type { TimerRecord } from '../store/store';
import type { LoadedExtension } from './extension-bundle';
import { createLogger } from './logger';
import { Scheduler } from './scheduler';

const ext = { id: 'ext', manifest: { schedules: [] } } as unknown as LoadedExtension;

/** A scheduler whose timer scripts wait until the test lets each one finish. */
function harness(concurrency: number) {
    const store = SqliteStore.open(':memory:');
    const started: string[] = [];
    const finish = new Map<string, () => void>();
    const scheduler = new Scheduler(store, createLogger('silent'), (timer: TimerRecord) => {
        started.push(timer.key);
        return new Promise<void>((r) => finish.set(timer.key, r));
    }, () => ext, concurrency);
    const settle = () => new Promise((r) => setTimeout(r, 50));
    return { store, scheduler, started, finish, settle };
}

describe('Scheduler', () => {
    it('runs due timers side by side up to the bound, and serially per serial key', async () => {
        const h = harness(3);
        const past = Date.now() - 1000;
        await h.scheduler.set('ext', 'a1', past, 's', null, 'peer-a');
        await h.scheduler.set('ext', 'a2', past + 1, 's', null, 'peer-a');
        await h.scheduler.set('ext', 'b', past + 2, 's', null, 'peer-b');
        await h.scheduler.set('ext', 'c', past + 3, 's', null);
        await h.scheduler.set('ext', 'd', past + 4, 's', null);
        h.scheduler.start();
        await h.settle();
        // a2 waits for a1 (same serial key); the bound of 3 holds d back.
        expect(h.started).toEqual(['a1', 'b', 'c']);

        h.finish.get('a1')!();
        await h.settle();
        expect(h.started).toEqual(['a1', 'b', 'c', 'a2']);
        h.finish.get('b')!();
        await h.settle();
        expect(h.started).toEqual(['a1', 'b', 'c', 'a2', 'd']);

        for (const key of ['c', 'a2', 'd']) h.finish.get(key)!();
        await h.scheduler.stop();
        expect(await h.store.system.timers.due(Date.now())).toEqual([]);
        await h.store.close();
    });

    it('never runs one timer twice at once; a timer set again while it runs runs after it', async () => {
        const h = harness(4);
        h.scheduler.start();
        await h.scheduler.set('ext', 'x', Date.now(), 's', { n: 1 });
        await h.settle();
        await h.scheduler.set('ext', 'x', Date.now(), 's', { n: 2 });
        await h.settle();
        expect(h.started).toEqual(['x']);
        h.finish.get('x')!();
        await h.settle();
        expect(h.started).toEqual(['x', 'x']);
        h.finish.get('x')!();
        await h.scheduler.stop();
        expect(await h.store.system.timers.get('x')).toBeUndefined();
        await h.store.close();
    });

    it('keeps a timer set again while it runs in memory until the run ends, its row standing for it meanwhile', async () => {
        const h = harness(4);
        const payloads: unknown[] = [];
        const scheduler = new Scheduler(h.store, createLogger('silent'), (timer: TimerRecord) => {
            payloads.push(timer.payload);
            h.started.push(timer.key);
            return new Promise<void>((r) => h.finish.set(timer.key, r));
        }, () => ext, 4);
        const puts = jest.spyOn(h.store.system.timers, 'put');
        scheduler.start();
        await scheduler.set('ext', 'y', Date.now(), 's', { n: 1 });
        await h.settle();
        const row = await h.store.system.timers.get('y');
        for (let n = 2; n <= 50; n++) await scheduler.set('ext', 'y', Date.now(), 's', { n });
        // A burst of sets during the run writes nothing; the run's own row is still there,
        // so a crash now would run it again at start.
        expect(puts).toHaveBeenCalledTimes(1);
        expect(await h.store.system.timers.get('y')).toEqual(row);

        h.finish.get('y')!();
        await h.settle();
        // Once: the last set, written when the run ended.
        expect(payloads).toEqual([{ n: 1 }, { n: 50 }]);
        expect(puts).toHaveBeenCalledTimes(2);
        h.finish.get('y')!();
        await scheduler.stop();
        expect(await h.store.system.timers.get('y')).toBeUndefined();
        await h.store.close();
    });
});
