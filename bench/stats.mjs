// Summary statistics shared by the benchmark scripts (run.mjs, repaint.mjs, scale.mjs).
const sorted = (xs) => [...xs].sort((a, b) => a - b);

/** The median (the upper of the two middle values); NaN for no values. */
export const median = (xs) => (xs.length ? sorted(xs)[Math.floor(xs.length / 2)] : NaN);

/** The 90th percentile (nearest rank, never past the largest value); NaN for no values. */
export const p90 = (xs) => (xs.length ? sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))] : NaN);

/** Median, p90 and max, to 0.1. */
export const stats = (xs) => ({ median: +median(xs).toFixed(1), p90: +p90(xs).toFixed(1), max: +Math.max(...xs).toFixed(1) });
