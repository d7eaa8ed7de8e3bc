/** Latency summaries: percentiles over a list of milliseconds. */
export interface Latency {
    count: number;
    p50: number;
    p99: number;
    max: number;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
    if (sorted.length === 0) return NaN;
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function latency(values: readonly number[]): Latency {
    const sorted = Float64Array.from(values).sort();
    return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.length ? sorted[sorted.length - 1] : NaN };
}

/** Milliseconds since the epoch with sub-millisecond precision, comparable between processes of one machine. */
export const now = (): number => performance.timeOrigin + performance.now();
