// Curves with up to millions of epochs are drawn from at most a few thousand
// points: each bucket of consecutive epochs keeps its first, lowest, highest
// and last value, so spikes and the overall shape survive.

/** One plotted point: epoch number and value. */
export interface CurvePoint {
  x: number;
  y: number;
}

/**
 * Points of `values` (value i belongs to epoch firstEpoch + i), reduced to
 * about `maxPoints` by min/max bucketing; non-finite values are skipped.
 */
export function downsample(
  values: ArrayLike<number>,
  maxPoints: number,
  firstEpoch = 1,
  count = values.length,
): CurvePoint[] {
  const n = Math.min(count, values.length);
  const points: CurvePoint[] = [];
  if (n <= maxPoints) {
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(values[i])) {
        points.push({ x: firstEpoch + i, y: values[i] });
      }
    }
    return points;
  }

  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const size = n / buckets;
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size);
    const end = Math.min(n, Math.floor((b + 1) * size));
    let min = -1;
    let max = -1;
    let first = -1;
    let last = -1;
    for (let i = start; i < end; i++) {
      const value = values[i];
      if (!Number.isFinite(value)) continue;
      if (first < 0) first = i;
      last = i;
      if (min < 0 || value < values[min]) min = i;
      if (max < 0 || value > values[max]) max = i;
    }
    if (first < 0) continue;

    // Kept in epoch order so the line never doubles back.
    const picked = [...new Set([first, min, max, last])].sort((a, c) => a - c);
    for (const i of picked) points.push({ x: firstEpoch + i, y: values[i] });
  }
  return points;
}
