import { formatDuration, reportView } from './report-client';

const row = (name: string, period: string, responseTimeMs: number | null, requests = 1) => ({
    key: name, name, period, requests, responseTimeMs, waitTimeMs: responseTimeMs, sessionDurationMs: 600_000, firstResponseTimeMs: null, botResponseShare: 0,
    slaReactionMetPct: null, slaResponseMetPct: 50, slaResolutionMetPct: null,
});

describe('report view', () => {
    it('formats durations for people', () => {
        expect([formatDuration(null), formatDuration(4_400), formatDuration(95_000), formatDuration(7_260_000)]).toEqual(['—', '4 s', '1 min 35 s', '2 h 1 min']);
    });

    it('draws one bar per total, the largest full width, and a table row per period', () => {
        const view = reportView('operators', [row('Olga', 'all', 60_000), row('Oscar', 'all', 30_000), row('Olga', '2026-11-26', 60_000)], 'responseTimeMs');
        expect(view.bars).toEqual([{ name: 'Olga', label: '1 min', width: 100 }, { name: 'Oscar', label: '30 s', width: 50 }]);
        expect(view.rows).toEqual([expect.objectContaining({ name: 'Olga', period: '2026-11-26', responseTime: '1 min', firstResponseTime: '—', slaResponse: '50%', slaReaction: '—' })]);
        expect(view.empty).toBe(false);
    });

    it('shows counts as numbers and says when there is nothing to show', () => {
        expect(reportView('lines', [row('Support', 'all', null, 3)], 'requests').bars).toEqual([{ name: 'Support', label: '3', width: 100 }]);
        expect(reportView('lines', [], 'requests').empty).toBe(true);
        expect(reportView('operators', [row('Olga', 'all', null)], 'slaResponseMetPct').bars).toEqual([{ name: 'Olga', label: '50%', width: 100 }]);
    });
});
