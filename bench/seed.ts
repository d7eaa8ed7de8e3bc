/**
 * Bulk history for the scale measures, written in big transactions (seed-writer.ts): the
 * product's inbound path would take hours for a million sessions. Rows are
 * in the product's own shape: clients who came back several times, closed sessions with
 * their client list, operator and times, one message each, and the daily report rollups.
 */
import { randomBytes } from 'node:crypto';
import type { ProductHost } from './product-host';
import { openSeedWriter, type SeedWriter } from './seed-writer';

const DAY = 86_400_000;
const BATCH = 50_000;
/** Each seeded client has had this many sessions: most history is returning clients. */
const SESSIONS_PER_CLIENT = 4;

// Seeded ids are UUID-shaped but in creation order (like UUIDv7), so each insert appends to
// the indexes instead of landing on a random page: ten times faster at a million rows.
const idStart = `${Date.now().toString(16).padStart(12, '0')}${randomBytes(4).toString('hex')}`;
let idCount = 0;
function seedId(): string {
    const hex = idStart + (idCount++).toString(16).padStart(12, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
const padded = (i: number) => String(i).padStart(9, '0');

const base = (name: string, at: number) => ({
    __id: seedId(), __name: name, __createdAt: at, __createdBy: null, __updatedAt: at, __updatedBy: null, __deletedAt: null, __status: null,
});

/** Calls `row(i)` for each i below `count`, BATCH to a transaction. */
async function insertAll(p: ProductHost, count: number, row: (w: SeedWriter, i: number) => void): Promise<void> {
    const w = openSeedWriter(p.dataDir);
    try {
        for (let from = 0; from < count; from += BATCH) {
            w.batch(() => {
                for (let i = from; i < Math.min(count, from + BATCH); i++) row(w, i);
            });
            // Lets the host's timers and sockets breathe between batches.
            await new Promise((r) => setImmediate(r));
        }
    } finally {
        w.close();
    }
}

/**
 * `count` sessions over the past year, `state` closed (history) or open (waiting, or with an
 * operator), each with one client message; returns the seconds it took.
 */
export async function seedSessions(p: ProductHost, count: number, state: 'closed' | 'open', label: string, properties?: (i: number) => Record<string, unknown>): Promise<number> {
    const started = performance.now();
    const [clients, sessions, messages] = [p.table('clients'), p.table('sessions'), p.table('messages')];
    const perClient = state === 'closed' ? SESSIONS_PER_CLIENT : 1;
    const now = Date.now();
    let client = { id: '', seq: 0 };
    await insertAll(p, count, (w, i) => {
        if (i % perClient === 0) {
            const row = { ...base(`Client ${label}${i}`, now - 365 * DAY), channel: p.channelId, external_user_id: `${label}${i}`, username: `client_${label}${i}` };
            w.insert(clients, row);
            client = { id: row.__id, seq: 0 };
        }
        const at = now - Math.floor(((count - i) / count) * 365 * DAY);
        const operator = p.operators.length ? p.operators[i % p.operators.length].id : null;
        const open = state === 'open';
        const waiting = open && i % 2 === 0;
        const session = {
            ...base(`Client ${label}${i} via Bridge`, at), line: p.lineId, channel: p.channelId, clients: [client.id],
            state: open ? (waiting ? 'waiting' : 'assigned_to_operator') : 'closed',
            operator: waiting ? null : operator, operator_group: waiting ? null : 'operators',
            external_chat_id: `${label}${i}`, external_chat_name: null, accepted_at: waiting ? null : at + 30_000,
            closed_at: open ? null : at + 600_000, last_activity_at: at + 300_000, waiting_since: waiting ? at : null,
            resumed_count: i % perClient, reported_until: open ? null : at + 600_000, custom_properties: properties?.(i) ?? null,
        };
        w.insert(sessions, session);
        client.seq++;
        w.insert(messages, {
            ...base('Hello, I have a question', at), session: session.__id, channel: p.channelId, client: client.id,
            author_kind: 'client', text: 'Hello, I have a question about my order', attachments: [], external_message_id: `seed-${label}${padded(i)}`,
            delivery_state: 'received', delivery_attempts: 0, staff_only: false,
            // The product's thread key: a client's sessions on one channel share one numbered thread.
            thread: `${p.channelId}:${client.id}`, seq: client.seq,
        });
    });
    return (performance.now() - started) / 1000;
}

/** One report rollup row per operator per day for the `days` before today. */
export async function seedRollups(p: ProductHost, operators: number, days: number): Promise<void> {
    const rollups = p.table('report_rollups');
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    await insertAll(p, operators * days, (w, i) => {
        const day = new Date(today - (1 + Math.floor(i / operators)) * DAY).toISOString().slice(0, 10);
        const requests = 20 + (i % 17);
        w.insert(rollups, {
            ...base(`${day} ${p.lineId}`, today), line: p.lineId, operator: p.operators[i % operators].id, channel: p.channelId,
            operator_group: 'operators', day, requests, response_sum_ms: requests * 45_000, response_count: requests,
            max_wait_ms: 240_000, duration_sum_ms: requests * 600_000, duration_count: requests,
            first_response_sum_ms: requests * 30_000, first_response_count: requests,
        });
    });
}

/**
 * One open session of a client who has written `length` messages in it, numbered as the
 * product numbers a thread; returns the session's id.
 */
export async function seedThread(p: ProductHost, length: number): Promise<string> {
    const [clients, sessions, messages] = [p.table('clients'), p.table('sessions'), p.table('messages')];
    const now = Date.now();
    const client = { ...base('Long-thread client', now - DAY), channel: p.channelId, external_user_id: 'long-thread', username: 'long_thread' };
    const session = {
        ...base('Long-thread client via Bridge', now - DAY), line: p.lineId, channel: p.channelId, clients: [client.__id],
        state: 'assigned_to_operator', operator: p.operators[0].id, operator_group: 'operators', external_chat_id: 'long-thread',
        accepted_at: now - DAY, last_activity_at: now, resumed_count: 0,
    };
    await insertAll(p, length, (w, i) => {
        if (i === 0) {
            w.insert(clients, client);
            w.insert(sessions, session);
        }
        const staff = i % 2 === 1;
        w.insert(messages, {
            ...base(`Message ${i}`, now - DAY + i * 1000), session: session.__id, channel: p.channelId, client: staff ? null : client.__id,
            author_kind: staff ? 'operator' : 'client', author: staff ? p.operators[0].id : null, text: `Message number ${i} of a long conversation`,
            attachments: [], external_message_id: staff ? null : `long-${padded(i)}`, delivery_state: staff ? 'delivered' : 'received',
            delivery_attempts: 0, staff_only: false, thread: `${p.channelId}:${client.__id}`, seq: i + 1,
        });
    });
    return session.__id;
}
