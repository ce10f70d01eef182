import { describe, expect, it } from 'vitest';
import { downsample } from './downsample.ts';

describe('downsample', () => {
  it('keeps every finite point of a short curve', () => {
    const points = downsample([3, NaN, 1], 10, 5);
    expect(points).toEqual([
      { x: 5, y: 3 },
      { x: 7, y: 1 },
    ]);
  });

  it('reduces a long curve but keeps its extremes and ends', () => {
    const values = new Float64Array(100_000);
    for (let i = 0; i < values.length; i++) values[i] = Math.sin(i / 1000);
    values[54_321] = 42;
    values[77_777] = -42;

    const points = downsample(values, 2000);

    expect(points.length).toBeLessThanOrEqual(2000);
    expect(points[0]).toEqual({ x: 1, y: values[0] });
    expect(points[points.length - 1].x).toBe(100_000);
    expect(points.some((p) => p.x === 54_322 && p.y === 42)).toBe(true);
    expect(points.some((p) => p.x === 77_778 && p.y === -42)).toBe(true);
    for (let i = 1; i < points.length; i++) {
      expect(points[i].x).toBeGreaterThan(points[i - 1].x);
    }
  });

  it('reads only the first `count` values of a growing buffer', () => {
    const buffer = new Float64Array(8);
    buffer.set([1, 2, 3]);
    expect(downsample(buffer, 100, 1, 3).map((p) => p.y)).toEqual([1, 2, 3]);
  });
});
