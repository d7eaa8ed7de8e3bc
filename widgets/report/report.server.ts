/**
 * The server half of the report widget: the same checks and numbers as the
 * `performance_report` API method, and what the filters offer — the live chats the user
 * may see, their operator groups, channels and operators.
 */
import type { TJSON, UserItem } from '@brix/sdk';
import { uniq } from 'lodash-es';
import { caller } from '../../scripts/access/roles';
import { groupCodes, type Line } from '../../scripts/shared/apps';
import { buildReport, reportableLines, reportFilter } from '../../scripts/reports/performance';

type Option = { id: string; name: string; selected: boolean };

async function filterOptions(lines: Line[], chosen: Record<string, string[]>): Promise<Record<string, Option[]>> {
    const option = (list: string, id: string, name: string): Option => ({ id, name, selected: (chosen[list] ?? []).includes(id) });
    const lineIds = lines.map((l) => l.id);
    const groupIds = uniq(lines.flatMap((l) => groupCodes(l.data.operator_groups)));
    const [groups, channels] = await Promise.all([
        System.userGroups.search().all(),
        lineIds.length ? Namespace.app.channels.search().where((f) => f.line.in(lineIds)).sort('__name', true).size(10_000).all() : [],
    ]);
    const members = new Map<string, UserItem>();
    for (const code of groupIds) {
        for (const user of await System.users.search().where((f) => f.groupIds.eq(code)).size(10_000).all()) members.set(user.id, user);
    }
    const name = (code: string) => groups.find((g) => g.data.code === code)?.data.__name ?? code;
    return {
        lines: lines.map((l) => option('lineIds', l.id, l.data.__name)),
        groups: groupIds.map((code) => option('groups', code, name(code))),
        channels: channels.map((c) => option('channelIds', c.id, c.data.__name)),
        operators: [...members.values()].map((u) => option('operatorIds', u.id, u.data.fullname || u.id)).sort((a, b) => a.name.localeCompare(b.name)),
    };
}

export async function load(): Promise<void> {
    const user = await caller();
    const asked = (Context.data.filter ?? {}) as Record<string, TJSON>;
    const filter = reportFilter({ ...asked, kind: Context.data.kind as TJSON });
    const lines = await reportableLines(user);
    Context.data.options = await filterOptions(lines, { lineIds: filter.lineIds, groups: filter.groups, channelIds: filter.channelIds, operatorIds: filter.operatorIds }) as unknown as TJSON;
    Context.data.result = await buildReport(user, filter) as unknown as TJSON;
}
