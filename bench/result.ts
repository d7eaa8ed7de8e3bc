/** One figure of the bench with its goal from the issue: the bench reports, it does not fail. */
export interface Figure {
    part: string;
    measure: string;
    value: number;
    unit: string;
    /** The goal: at least (`>=`) or at most (`<=`) this value; none for context figures. */
    target?: { op: '>=' | '<='; value: number };
}

export const met = (f: Figure): boolean | undefined =>
    f.target === undefined || !Number.isFinite(f.value) ? (f.target ? false : undefined) : f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value;
