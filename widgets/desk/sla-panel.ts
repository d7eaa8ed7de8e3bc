/**
 * The SLA standards of the open session (SPEC §6) in the information panel: time left while
 * a clock runs, amber under 20% left, red and counting up once overdue. The server gives
 * working time left at a moment; the panel counts on from it each second (only while the
 * clock is in working time) and asks the server again now and then, so nights, weekends and
 * lunch breaks hold the count. Only the figures are rewritten: the rest of the panel, and
 * whatever is typed in it, stays.
 */
import { desk } from './desk-state';

import type { SlaCardView, SlaLevel, SlaStandardView } from './sla-view';

const labels = { reaction: 'Reaction time', response: 'Response time', resolution: 'Resolution time' };
const REFRESH_MS = 30_000;

/** 1d 2h, 2h 05m, 4m 09s, 12s. */
export function spoken(ms: number): string {
    const s = Math.max(0, Math.floor(ms / 1000));
    const [d, h, m, sec] = [Math.floor(s / 86_400), Math.floor(s / 3600) % 24, Math.floor(s / 60) % 60, s % 60];
    const two = (n: number) => String(n).padStart(2, '0');
    if (d) return `${d}d ${h}h`;
    if (h) return `${h}h ${two(m)}m`;
    if (m) return `${m}m ${two(sec)}s`;
    return `${sec}s`;
}

/** A standard as shown `elapsedMs` after the server's figures. */
export function shown(v: SlaStandardView, elapsedMs: number): { level: SlaLevel; text: string } {
    const counted = v.ticking ? elapsedMs : 0;
    if (v.level === 'normal' || v.level === 'warning') {
        if (v.leftMs === null) return { level: 'normal', text: 'No working time scheduled' };
        const left = v.leftMs - counted;
        if (left <= 0) return { level: 'overdue', text: `Overdue by ${spoken(-left)}` };
        return { level: left < 0.2 * v.totalMs ? 'warning' : 'normal', text: `${spoken(left)} left` };
    }
    if (v.level === 'overdue') return { level: 'overdue', text: `Overdue by ${spoken((v.overdueMs ?? 0) + counted)}` };
    if (v.level === 'met') return { level: 'met', text: 'Met' };
    if (v.level === 'missed') return { level: 'missed', text: `Missed by ${spoken(v.overdueMs ?? 0)}` };
    return { level: 'idle', text: 'Not running' };
}

let loadedAt = 0;
let ticker: ReturnType<typeof setInterval> | undefined;
let lastRefresh = 0;

/** The panel's rows for the template, and the moment the count starts from. */
export function slaRows(sla: SlaCardView | null | undefined): { name: string; rows: { standard: string; label: string; level: SlaLevel; text: string }[] } | null {
    loadedAt = Date.now();
    lastRefresh = loadedAt;
    if (!sla) return null;
    return { name: sla.name, rows: sla.standards.map((v) => ({ standard: v.standard, label: labels[v.standard], ...shown(v, 0) })) };
}

function tick(): void {
    const sla = desk.card?.sla;
    if (!sla || !desk.root?.isConnected) return;
    const elapsed = Date.now() - loadedAt;
    for (const v of sla.standards) {
        const row = desk.root.querySelector<HTMLElement>(`[data-sla="${v.standard}"]`);
        if (!row) continue;
        const { level, text } = shown(v, elapsed);
        row.className = `lc-sla lc-sla-${level}`;
        row.querySelector<HTMLElement>('[data-sla-time]')!.textContent = text;
    }
    if (Date.now() - lastRefresh > REFRESH_MS && desk.card) void refresh(desk.card.session.id);
}

async function refresh(sessionId: string): Promise<void> {
    lastRefresh = Date.now();
    try {
        const fresh = await Server.call<{ sla: SlaCardView | null }>('session_card', { sessionId });
        if (desk.card?.session.id !== sessionId) return;
        desk.card.sla = fresh.sla;
        loadedAt = Date.now();
        tick();
    } catch {
        // The next refresh tries again; the count goes on meanwhile.
    }
}

/** Starts the once-a-second count (one per page). */
export function startSlaTicker(): void {
    if (!ticker) ticker = setInterval(tick, 1000);
}
