/**
 * Open browser connections by user, the topics each subscribed to, and fan-out of events.
 * One WebSocket per tab; a user may have many. Each remembers the login session it was
 * opened with, so signing out or blocking a user also ends the pushes to their tabs.
 *
 * Two ways to push: `publish` reaches every tab of an audience (per-user news such as
 * notifications); `publishTo` reaches only the tabs subscribed to a topic (what a tab shows)
 * whose user is in the audience the publisher names. A subscription alone grants nothing,
 * so a tab may subscribe to any topic name without the host knowing what it means.
 *
 * With several host instances a user's tabs may be on any of them: every push then goes
 * through the bus (realtime-bus.ts) and each instance delivers it to its own tabs, resolving
 * the audience itself against the shared store.
 */
import { randomUUID } from 'node:crypto';
import { HostError } from '../errors';
import type { Store } from '../store/store';
import { LocalBus, type BusMessage, type RealtimeBus } from './realtime-bus';
import { defaultRealtimeLimits, RealtimeTab, type Connection, type RealtimeLimits } from './realtime-tab';

/** One settled promise for pushes that have nothing left to do (callers may skip handling it). */
export const nothingToSend: Promise<void> = Promise.resolve();

export type { Connection } from './realtime-tab';

export interface Audience {
    users?: readonly string[];
    groups?: readonly string[];
}

/** Longest topic name a tab may subscribe to. */
const MAX_TOPIC_LENGTH = 200;

/**
 * Socket writes per turn of the event loop. A push to every tab following a busy topic is
 * hundreds of writes, several milliseconds in one go; past this many, the rest follow on the
 * next turns, in order, and the requests that arrived meanwhile are served in between.
 */
const WRITES_PER_TURN = 128;

interface Backlog {
    text: string;
    tabs: RealtimeTab[];
    next: number;
}

export class RealtimeHub {
    private readonly byUser = new Map<string, Set<RealtimeTab>>();
    private readonly tabs = new Map<Connection, RealtimeTab>();
    private readonly byTopic = new Map<string, Set<RealtimeTab>>();
    /** Guest sockets (no account) by topic; kept apart so no staff push can ever reach them. */
    private readonly guestsByTopic = new Map<string, Set<RealtimeTab>>();
    private readonly limits: RealtimeLimits;

    constructor(private readonly store: Store, limits: Partial<RealtimeLimits> = {}, private readonly bus: RealtimeBus = new LocalBus()) {
        this.limits = { ...defaultRealtimeLimits, ...limits };
        // One message at a time: each resolves its audience in the store first, and a later
        // push must not overtake an earlier one on the way to the tabs.
        if (bus.shared) bus.subscribe((message) => {
            this.delivering = this.delivering.then(() => this.receive(message)).catch(() => undefined);
        });
    }

    private delivering: Promise<void> = Promise.resolve();
    private readonly flushes = new Map<string, () => void>();
    /** Pushes waiting for a later turn, oldest first, and the writes made in this turn. */
    private readonly backlog: Backlog[] = [];
    private spent = 0;
    private turn: NodeJS.Immediate | undefined;

    /** Resolves once every push this instance published before the call reached its own tabs. */
    flush(): Promise<void> {
        if (!this.bus.shared) return Promise.resolve();
        const id = randomUUID();
        return new Promise<void>((resolve) => {
            const done = () => {
                clearTimeout(timer);
                this.flushes.delete(id);
                resolve();
            };
            // A bus that is down (reconnecting) must not hold the caller for ever.
            const timer = setTimeout(done, 5000);
            this.flushes.set(id, done);
            this.bus.publish({ kind: 'flush', id });
        });
    }

    /** Delivers what any instance published to this instance's tabs. */
    private async receive(message: BusMessage): Promise<void> {
        switch (message.kind) {
            case 'publish': return this.deliver(message.audience, message.event, message.payload);
            case 'publishTo': return this.deliverTo(message.topics, message.audience, message.event, message.payload, { coalesce: message.coalesce });
            case 'publishToGuests': return this.deliverToGuests(message.topic, message.event, message.payload);
            case 'close': return this.closeHere(message.userId, message.code, message.reason, message.session);
            case 'flush': return this.flushes.get(message.id)?.();
            default: return undefined;
        }
    }

    /** Registers a tab opened with a login session; the returned function unregisters it. */
    connect(userId: string, connection: Connection, session?: string): () => void {
        const tab = new RealtimeTab(userId, connection, session, this.limits);
        const set = this.byUser.get(userId) ?? new Set<RealtimeTab>();
        set.add(tab);
        this.byUser.set(userId, set);
        this.tabs.set(connection, tab);
        return () => {
            for (const topic of [...tab.topics]) this.unsubscribe(connection, topic);
            tab.dispose();
            set.delete(tab);
            this.tabs.delete(connection);
            if (set.size === 0) this.byUser.delete(userId);
        };
    }

    /**
     * Lets a connected tab receive what is published to `topic` for an audience it is in.
     * @throws HostError BAD_REQUEST for an empty or overlong name, or past the tab's topic limit.
     */
    subscribe(connection: Connection, topic: string): void {
        const tab = this.tabs.get(connection);
        if (!tab || tab.topics.has(topic)) return;
        if (!topic || topic.length > MAX_TOPIC_LENGTH) throw new HostError('BAD_REQUEST', `A topic is 1 to ${MAX_TOPIC_LENGTH} characters`);
        if (tab.topics.size >= this.limits.maxTopics) throw new HostError('BAD_REQUEST', `A tab may follow at most ${this.limits.maxTopics} topics`);
        tab.topics.add(topic);
        const set = this.byTopic.get(topic) ?? new Set<RealtimeTab>();
        set.add(tab);
        this.byTopic.set(topic, set);
    }

    unsubscribe(connection: Connection, topic: string): void {
        const tab = this.tabs.get(connection);
        if (!tab?.topics.delete(topic)) return;
        const set = this.byTopic.get(topic);
        set?.delete(tab);
        if (set?.size === 0) this.byTopic.delete(topic);
    }

    /** Closes the user's tabs, or only those opened with one login session, on every instance. */
    close(userId: string, code: number, reason: string, session?: string): void {
        if (this.bus.shared) this.bus.publish({ kind: 'close', userId, code, reason, session });
        else this.closeHere(userId, code, reason, session);
    }

    private closeHere(userId: string, code: number, reason: string, session?: string): void {
        for (const tab of [...(this.byUser.get(userId) ?? [])]) {
            if (session === undefined || tab.session === session) tab.connection.close?.(code, reason);
        }
    }

    connections(userId: string): number {
        return this.byUser.get(userId)?.size ?? 0;
    }

    /** How many tabs follow the topic now, whoever they belong to. */
    subscribers(topic: string): number {
        return this.byTopic.get(topic)?.size ?? 0;
    }

    /** The users an audience names, groups expanded. */
    async resolve(audience: Audience): Promise<Set<string>> {
        const users = new Set(audience.users ?? []);
        for (const group of audience.groups ?? []) {
            for (const id of await this.store.system.groups.members(group)) users.add(id);
        }
        return users;
    }

    /** Sends to every tab of the audience. */
    async publish(audience: Audience, event: string, payload: unknown): Promise<void> {
        if (this.bus.shared) this.bus.publish({ kind: 'publish', audience, event, payload });
        else await this.deliver(audience, event, payload);
    }

    private async deliver(audience: Audience, event: string, payload: unknown): Promise<void> {
        const text = JSON.stringify({ type: 'event', event, payload });
        for (const userId of await this.resolve(audience)) {
            const tabs = this.byUser.get(userId);
            if (tabs) this.write(text, [...tabs]);
        }
    }

    /**
     * Sends to the tabs subscribed to the topic, or to any of the topics (once per tab),
     * whose user is in the audience, resolved now so a user who left a group stops receiving
     * at once. `coalesce` sends the first of these topics, event and audience at once and
     * then at most one per coalescing window: the latest.
     */
    publishTo(topics: string | readonly string[], audience: Audience, event: string, payload: unknown, options: { coalesce?: boolean } = {}): Promise<void> {
        try {
            const names = typeof topics === 'string' ? [topics] : [...topics];
            if (!this.bus.shared) return this.deliverTo(names, audience, event, payload, options);
            this.bus.publish({ kind: 'publishTo', topics: names, audience, event, payload, coalesce: Boolean(options.coalesce) });
            return nothingToSend;
        } catch (error) {
            return Promise.reject(error);
        }
    }

    // deliverTo and sendToTopics are not async: a push nobody watches, or one folded into an
    // open window, returns a settled promise instead of making a chain of them per message.
    private deliverTo(names: readonly string[], audience: Audience, event: string, payload: unknown, options: { coalesce?: boolean }): Promise<void> {
        if (!options.coalesce) return this.sendToTopics(names, audience, event, payload);
        // Coalesced per (topics, event, audience) for all tabs at once: a push inside an open
        // window only replaces the one waiting, so its cost does not grow with the tabs.
        const key = JSON.stringify([names, event, audience]);
        const open = this.windows.get(key);
        if (open) {
            open.latest = { payload };
            return nothingToSend;
        }
        this.openWindow(key, names, audience, event);
        return this.sendToTopics(names, audience, event, payload);
    }

    /** Sends to the tabs following any of the topics (once per tab) whose user is in the audience. */
    private sendToTopics(names: readonly string[], audience: Audience, event: string, payload: unknown): Promise<void> {
        const tabs = new Set<RealtimeTab>();
        for (const topic of names) for (const tab of this.byTopic.get(topic) ?? []) tabs.add(tab);
        // Nobody watching costs nothing: not even the audience's lookup.
        if (!tabs.size) return nothingToSend;
        return this.sendToTabs(tabs, audience, event, payload);
    }

    private async sendToTabs(tabs: Set<RealtimeTab>, audience: Audience, event: string, payload: unknown): Promise<void> {
        const allowed = await this.resolve(audience);
        const text = JSON.stringify({ type: 'event', event, payload });
        const to: RealtimeTab[] = [];
        for (const tab of tabs) if (allowed.has(tab.userId)) to.push(tab);
        this.write(text, to);
    }

    /** Sends `text` to the tabs now, or after what waits already: a tab gets its pushes in the order they were made. */
    private write(text: string, tabs: RealtimeTab[]): void {
        if (!tabs.length) return;
        let next = 0;
        if (this.backlog.length === 0) {
            for (; next < tabs.length && this.spent < WRITES_PER_TURN; next++, this.spent++) tabs[next].send(text);
        }
        if (next < tabs.length) this.backlog.push({ text, tabs, next });
        this.turn ??= setImmediate(() => this.nextTurn());
    }

    private nextTurn(): void {
        this.turn = undefined;
        this.spent = 0;
        while (this.backlog.length && this.spent < WRITES_PER_TURN) {
            const head = this.backlog[0];
            while (head.next < head.tabs.length && this.spent < WRITES_PER_TURN) {
                head.tabs[head.next++].send(head.text);
                this.spent++;
            }
            if (head.next === head.tabs.length) this.backlog.shift();
        }
        if (this.backlog.length || this.spent) this.turn = setImmediate(() => this.nextTurn());
    }

    /** Coalesced keys whose window is open, with the latest payload waiting for its end, if any. */
    private readonly windows = new Map<string, { latest?: { payload: unknown } }>();

    private openWindow(key: string, names: readonly string[], audience: Audience, event: string): void {
        const window: { latest?: { payload: unknown } } = {};
        this.windows.set(key, window);
        setTimeout(() => {
            this.windows.delete(key);
            if (!window.latest) return;
            // What is sent now starts a new window, so the rate stays bounded under a steady stream.
            this.openWindow(key, names, audience, event);
            this.sendToTopics(names, audience, event, window.latest.payload).catch(() => undefined);
        }, this.limits.coalesceMs).unref();
    }

    /**
     * Registers a guest socket (someone without an account) following `topics`, fixed by the
     * script that let it in; the returned function unregisters it. Guests only ever receive
     * `publishToGuests`.
     */
    connectGuest(connection: Connection, topics: readonly string[]): () => void {
        const tab = new RealtimeTab('', connection, undefined, this.limits);
        for (const topic of topics) {
            tab.topics.add(topic);
            const set = this.guestsByTopic.get(topic) ?? new Set<RealtimeTab>();
            set.add(tab);
            this.guestsByTopic.set(topic, set);
        }
        return () => {
            for (const topic of tab.topics) {
                const set = this.guestsByTopic.get(topic);
                set?.delete(tab);
                if (set?.size === 0) this.guestsByTopic.delete(topic);
            }
            tab.dispose();
        };
    }

    /** Sends to the guest sockets following `topic`. */
    publishToGuests(topic: string, event: string, payload: unknown): void {
        if (this.bus.shared) this.bus.publish({ kind: 'publishToGuests', topic, event, payload });
        else this.deliverToGuests(topic, event, payload);
    }

    private deliverToGuests(topic: string, event: string, payload: unknown): void {
        const guests = this.guestsByTopic.get(topic);
        if (!guests?.size) return;
        const text = JSON.stringify({ type: 'event', event, payload });
        this.write(text, [...guests]);
    }

    /** How many guest sockets follow the topic now. */
    guests(topic: string): number {
        return this.guestsByTopic.get(topic)?.size ?? 0;
    }
}
