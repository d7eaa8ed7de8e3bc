/**
 * What the hub sends one tab. Events go out at once, except coalesced ones: the first of a
 * (topic, event) goes out at once, later ones within the window wait and only the latest is
 * sent when it ends. A socket that stops draining is never buffered for without bound: past
 * the bound the tab gets nothing more until its buffer empties, then one `{type:'refresh'}`
 * telling it to reload what it shows, since it has missed events.
 */
export interface Connection {
    send(text: string): void;
    /** Ends the connection (a browser tab's socket); in-process listeners may have none. */
    close?(code: number, reason: string): void;
    /** Bytes queued but not yet written to the network; in-process listeners may have none. */
    bufferedAmount?(): number;
}

export interface RealtimeLimits {
    /** Latest-wins window of a coalesced (topic, event) per tab, in ms. */
    coalesceMs: number;
    /** Past this many buffered bytes a tab stops receiving events until it drains. */
    maxBufferedBytes: number;
    /** How often a tab that fell behind is checked for having drained, in ms. */
    drainCheckMs: number;
    /** Most topics one tab may subscribe to. */
    maxTopics: number;
}

export const defaultRealtimeLimits: RealtimeLimits = { coalesceMs: 300, maxBufferedBytes: 1024 * 1024, drainCheckMs: 100, maxTopics: 100 };

export const REFRESH = JSON.stringify({ type: 'refresh' });

export class RealtimeTab {
    readonly topics = new Set<string>();
    /** Coalesced keys whose window is open, with the latest text waiting for its end, if any. */
    private readonly windows = new Map<string, { timer: NodeJS.Timeout; latest?: string }>();
    private drain: NodeJS.Timeout | undefined;

    constructor(
        readonly userId: string,
        readonly connection: Connection,
        readonly session: string | undefined,
        private readonly limits: RealtimeLimits,
    ) {}

    /** Whether the tab has fallen behind and waits to drain. */
    get behind(): boolean {
        return this.drain !== undefined;
    }

    send(text: string): void {
        if (this.behind) return;
        if ((this.connection.bufferedAmount?.() ?? 0) > this.limits.maxBufferedBytes) return this.fallBehind();
        this.connection.send(text);
    }

    /** Sends now, or keeps only the latest of `key` until the key's window ends. */
    sendCoalesced(key: string, text: string): void {
        if (this.behind) return;
        const open = this.windows.get(key);
        if (open) {
            open.latest = text;
            return;
        }
        this.send(text);
        this.openWindow(key);
    }

    dispose(): void {
        for (const { timer } of this.windows.values()) clearTimeout(timer);
        this.windows.clear();
        clearInterval(this.drain);
        this.drain = undefined;
    }

    private openWindow(key: string): void {
        const timer = setTimeout(() => {
            const latest = this.windows.get(key)?.latest;
            this.windows.delete(key);
            if (latest === undefined) return;
            this.send(latest);
            // What was just sent starts a new window, so the rate stays bounded under a steady stream.
            this.openWindow(key);
        }, this.limits.coalesceMs);
        timer.unref();
        this.windows.set(key, { timer });
    }

    private fallBehind(): void {
        // Whatever waits is stale now: the refresh makes the tab reload all of it.
        this.dispose();
        this.drain = setInterval(() => {
            if ((this.connection.bufferedAmount?.() ?? 0) > 0) return;
            clearInterval(this.drain);
            this.drain = undefined;
            this.connection.send(REFRESH);
        }, this.limits.drainCheckMs);
        this.drain.unref();
    }
}
