/** The SLA part of a session card as the server answers it (scripts/sla/card.ts). Types only. */
export type SlaLevel = 'idle' | 'normal' | 'warning' | 'overdue' | 'met' | 'missed';

export interface SlaStandardView {
    standard: 'reaction' | 'response' | 'resolution';
    level: SlaLevel;
    deadline: number | null;
    leftMs: number | null;
    totalMs: number;
    overdueMs: number | null;
    ticking: boolean;
}

export interface SlaCardView {
    name: string;
    asOf: number;
    standards: SlaStandardView[];
}
