/**
 * What the hub sends one tab (coalescing happens in the hub, once for all tabs). A socket
 * that stops draining is never buffered for without bound: past the bound the tab gets
 * nothing more until its buffer empties, then one `{type:'refresh'}` telling it to reload
 * what it shows, since it has missed events.
 */
export interface Connection {
    send(text: string): void;
    /** Ends the connection (a browser tab's socket); in-process listeners may have none. */
    close?(code: number, reason: string): void;
    /** Bytes queued but not yet written to the network; in-process listeners may have none. */
    bufferedAmount?(): number;
}

export interface RealtimeLimits {
    /** Latest-wins window of a coalesced (topics, event, audience), in ms. */
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
    private drain: NodeJS.Timeout | undefined;
    private closed = false;

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
        // A push still waiting for its turn when the tab closed is not sent.
        if (this.closed || this.behind) return;
        if ((this.connection.bufferedAmount?.() ?? 0) > this.limits.maxBufferedBytes) return this.fallBehind();
        this.connection.send(text);
    }

    dispose(): void {
        this.closed = true;
        clearInterval(this.drain);
        this.drain = undefined;
    }

    /** Sends nothing more until the buffer empties, then one refresh: the tab reloads all it shows. */
    private fallBehind(): void {
        this.drain = setInterval(() => {
            if ((this.connection.bufferedAmount?.() ?? 0) > 0) return;
            clearInterval(this.drain);
            this.drain = undefined;
            this.connection.send(REFRESH);
        }, this.limits.drainCheckMs);
        this.drain.unref();
    }
}
