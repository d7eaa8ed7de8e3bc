/**
 * The terms a session keeps from the SLA it was distributed with (SPEC §6): a copy of the
 * SLA and its schedule as they were then, so later edits of either change nothing for it.
 * A missing or unusable schedule disables the SLA.
 */
import type { TApplication, TEnum } from '@brix/sdk';
import { IANAZone } from 'luxon';
import type { ScheduleData, SlaData, SlaReminder, SlaStandard, SlaViolationAction } from '../shared/apps';
import type { CalendarException, ExceptionKind, Hours, WorkingCalendar } from './calendar';

export const standards: readonly SlaStandard[] = ['reaction', 'response', 'resolution'];

export interface StandardTerms {
    timeMs: number;
    violation: SlaViolationAction;
    reminder: SlaReminder;
    remindBeforeMs: number;
}

export interface SlaTerms {
    slaId: string;
    name: string;
    calendar: WorkingCalendar;
    /** Only the active standards. */
    standards: Partial<Record<SlaStandard, StandardTerms>>;
    notify: { user: string | null; group: string | null; operator: boolean };
    route: { user: string | null; group: string | null };
}

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Minutes of the day from HH:mm; `24:00` ends a day. undefined when malformed. */
export function minutesOf(text: string | null | undefined): number | undefined {
    const m = /^(\d{1,2}):(\d{2})$/.exec((text ?? '').trim());
    if (!m) return undefined;
    const minutes = Number(m[1]) * 60 + Number(m[2]);
    return Number(m[2]) < 60 && minutes <= 1440 ? minutes : undefined;
}

function hoursOf(start: string | null | undefined, end: string | null | undefined): Hours | null | undefined {
    if (!start && !end) return null;
    const s = minutesOf(start);
    const e = minutesOf(end);
    return s === undefined || e === undefined || e <= s ? undefined : { start: s, end: e };
}


/** The schedule as a calendar; undefined when it cannot be used (bad zone or hours). */
export function calendarOf(s: ScheduleData): WorkingCalendar | undefined {
    if (!s.time_zone || !IANAZone.isValidZone(s.time_zone)) return undefined;
    const hours = hoursOf(s.work_start, s.work_end) ?? (s.work_start || s.work_end ? undefined : { start: 9 * 60, end: 18 * 60 });
    const lunch = hoursOf(s.lunch_start, s.lunch_end);
    if (!hours || lunch === undefined) return undefined;
    const exceptions: CalendarException[] = [];
    for (const row of s.exceptions ?? []) {
        const kind = (row.kind ?? '').trim().toLowerCase() as ExceptionKind;
        const own = hoursOf(row.work_start, row.work_end);
        if (!row.date || !['holiday', 'short', 'working'].includes(kind) || own === undefined) return undefined;
        exceptions.push({ date: row.date, kind, hours: own });
    }
    const days = (s.working_days ?? []).map((d) => weekdays.indexOf(d.code) + 1).filter((d) => d > 0);
    return { zone: s.time_zone, aroundTheClock: Boolean(s.around_the_clock), days, hours, lunch, exceptions };
}

const code = <C extends string>(v: TEnum<C> | null, fallback: C): C => v?.code ?? fallback;

/** The terms of an SLA now; undefined when it has no usable schedule or no active standard. */
export async function termsOf(slaId: string): Promise<{ terms: SlaTerms; ref: TApplication<SlaData> } | undefined> {
    const sla = await Namespace.app.sla.search().where((f) => f.__id.eq(slaId)).first();
    const schedule = await sla?.data.schedule?.fetch();
    const calendar = schedule ? calendarOf(schedule.data) : undefined;
    if (!sla || !calendar) return undefined;
    const d: SlaData = sla.data;
    const active: SlaTerms['standards'] = {};
    for (const std of standards) {
        const timeMs = d[`${std}_time`]?.asMilliseconds() ?? 0;
        if (!d[`${std}_active`] || timeMs <= 0) continue;
        active[std] = {
            timeMs,
            violation: code(d[`${std}_violation_action`], 'none'),
            reminder: code(d[`${std}_reminder`], 'none'),
            remindBeforeMs: d[`${std}_reminder_before`]?.asMilliseconds() ?? 0,
        };
    }
    if (Object.keys(active).length === 0) return undefined;
    const terms: SlaTerms = {
        slaId, name: sla.data.__name, calendar, standards: active,
        notify: { user: d.notify_user?.id ?? null, group: d.notify_group || null, operator: Boolean(d.notify_operator) },
        route: { user: d.route_user?.id ?? null, group: d.route_group || null },
    };
    return { terms, ref: sla.getRef() };
}
