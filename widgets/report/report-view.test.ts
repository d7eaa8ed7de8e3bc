import { metrics } from '../../scripts/reports/metrics';
import { formatDuration, reportView } from './report-view';

const row = (key: string, period: string, responseTimeMs: number | null, requests = 1) => ({
    key, name: key === 'o1' ? 'Olga' : 'Oscar', period, requests, responseTimeMs, waitTimeMs: responseTimeMs, sessionDurationMs: 600_000, firstResponseTimeMs: null,
    botResponseShare: 0, slaReactionMetPct: null, slaResponseMetPct: 50, slaResolutionMetPct: null,
});
const rows = [row('o1', 'all', 90_000, 3), row('o2', 'all', 30_000), row('o1', '2026-11-02', 60_000, 2), row('o1', '2026-11-01', 120_000), row('o2', '2026-11-02', 30_000)];

describe('the report view', () => {
    it('formats durations for people', () => {
        expect([formatDuration(null), formatDuration(4_400), formatDuration(95_000), formatDuration(7_260_000)]).toEqual(['—', '4 s', '1 min 35 s', '2 h 1 min']);
    });

    it('draws bars and lines as one series per row over the periods in order, durations in minutes', () => {
        const { chart } = reportView(rows, 'response_time', 'line', 'operators');
        expect(chart).toEqual({
            type: 'line', labels: ['2026-11-01', '2026-11-02'], axis: 'minutes',
            series: [{ label: 'Olga', values: [2, 1] }, { label: 'Oscar', values: [null, 0.5] }],
        });
        expect(reportView(rows, 'requests', 'bar', 'operators').chart?.series[0]).toEqual({ label: 'Olga', values: [1, 2] });
        const quick = reportView([row('o1', 'all', 4_250), row('o1', '2026-11-01', 4_250)], 'wait_time', 'bar', 'operators').chart;
        expect([quick?.axis, quick?.series[0].values]).toEqual(['seconds', [4.3]]);
    });

    it("draws a pie of the period's totals, one slice per row", () => {
        expect(reportView(rows, 'requests', 'pie', 'operators').chart).toEqual({ type: 'pie', labels: ['Olga', 'Oscar'], series: [{ label: 'Processed requests', values: [3, 1] }], axis: 'requests' });
    });

    it('gives the same numbers as a table, periods across and a total, with a dash where nothing was measured', () => {
        const { table, chart } = reportView(rows, 'response_time', 'table', 'operators');
        expect(chart).toBeNull();
        expect(table).toEqual({
            columns: ['Operator', '2026-11-01', '2026-11-02', 'Total'],
            rows: [{ name: 'Olga', cells: ['2 min', '1 min'], total: '1 min 30 s' }, { name: 'Oscar', cells: ['—', '30 s'], total: '30 s' }],
        });
        expect(reportView(rows, 'sla_response_met', 'table', 'groups').table.rows[0]).toEqual({ name: 'Olga', cells: ['50%', '50%'], total: '50%' });
    });

    it('says when there is nothing to show, and falls back to response time for an unknown metric', () => {
        expect(reportView([], 'requests', 'bar', 'lines')).toMatchObject({ empty: true, chart: null, table: { columns: ['Live chat', 'Total'], rows: [] } });
        expect(reportView(rows, 'nonsense', 'bar', 'operators').metric.code).toBe('responseTimeMs');
    });

    it('defines every metric of a report row, the SLA met percentages included', () => {
        const numeric = Object.keys(row('o1', 'all', 1)).filter((k) => !['key', 'name', 'period'].includes(k)).sort();
        expect(metrics.map((m) => m.code).sort()).toEqual(numeric);
        expect(metrics.every((m) => m.definition.length > 20 && /^[a-z_]+$/.test(m.id))).toBe(true);
    });
});
