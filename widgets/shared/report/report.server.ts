/**
 * The server half of both report widgets: the same checks and numbers as the
 * `performance_report` API method, plus the live chats the user may pick from.
 */
import type { TJSON } from '@brix/sdk';
import { caller } from '../../../scripts/access/roles';
import { buildReport, reportableLines, reportFilter, type ReportKind } from '../../../scripts/reports/performance';

export function reportRpc(kind: ReportKind) {
    return {
        async load(): Promise<void> {
            const user = await caller();
            const asked = (Context.data.filter ?? {}) as Record<string, TJSON>;
            const lineId = typeof asked.lineId === 'string' ? asked.lineId : '';
            const filter = reportFilter({ ...asked, kind, lineIds: lineId ? [lineId] : [] });
            const lines = await reportableLines(user);
            Context.data.lines = lines.map((l) => ({ id: l.id, name: l.data.__name, selected: l.id === lineId }));
            Context.data.result = await buildReport(user, filter);
        },
    };
}
