/**
 * `widgets/report/widget.json`: one report widget whose placement chooses the metric, the
 * rows, the breakdown and the view. The Reports pages are two placements of it, and it can
 * be placed on an app's form like any widget with settings.
 */
import { assembleManifest } from '../../host/manifest/source-tree';
import { parseManifest } from '../../host/manifest/schema';
import { metrics } from '../../scripts/reports/metrics';
import { repoRoot } from '../support/test-host';

describe('report widget descriptor', () => {
    const assembled = assembleManifest(repoRoot);
    if (!assembled.ok) throw new Error('the manifest does not assemble');
    const { manifest } = assembled;
    const widget = manifest.widgets?.find((w) => w.code === 'report');

    it('offers every metric of the registry, the rows, breakdowns and views as settings', () => {
        const options = (code: string) => widget?.settings?.find((s) => s.code === code)?.options?.map((o) => o.code);
        expect(options('metric')).toEqual(metrics.map((m) => m.id));
        expect(options('kind')).toEqual(['operators', 'lines', 'groups', 'company']);
        expect(options('breakdown')).toEqual(['day', 'week', 'month']);
        expect(options('view')).toEqual(['bar', 'line', 'pie', 'table']);
    });

    it("is placed as Operators' Performance and Live Chat Performance", () => {
        const pages = manifest.workspace?.sections.find((s) => s.code === 'reports')?.pages;
        expect(pages?.map((p) => [p.code, p.widget, p.settings])).toEqual([
            ['operators_performance', 'report', { kind: 'operators', metric: 'response_time' }],
            ['live_chat_performance', 'report', { kind: 'lines', metric: 'first_response_time' }],
        ]);
    });

    it("can be placed on an app's form with its own settings", () => {
        const placed = structuredClone(manifest);
        const contacts = placed.apps?.find((a) => a.code === 'contacts');
        contacts!.formWidgets = [...(contacts!.formWidgets ?? []), { widget: 'report', settings: { kind: 'company', metric: 'requests', view: 'pie', filters: false } }];
        expect(parseManifest(placed).ok).toBe(true);
        contacts!.formWidgets.push({ widget: 'report', settings: { view: 'radar' } });
        expect(parseManifest(placed).ok).toBe(false);
    });
});
