import { describe, expect, it } from 'vitest';
import type { ToyKind, ToyRecipe } from '../recipe.ts';
import { ToyKinds } from '../recipe.ts';
import {
  GAUSSIAN_RADIUS,
  SPIRAL_TURNS,
  makeToy,
  type ToyData,
} from './toy-sets.ts';

const recipe = (kind: ToyKind, extra: Partial<ToyRecipe> = {}): ToyRecipe => ({
  kind,
  nSamples: 101,
  noise: 0,
  seed: 3,
  ...extra,
});

/** Points of `data` as [x, y, label] triples. */
function points(data: ToyData): [number, number, number][] {
  return Array.from({ length: data.nSamples }, (_, i) => [
    data.X[2 * i],
    data.X[2 * i + 1],
    data.y[i],
  ]);
}

/** The angle difference a − b reduced to (−π, π]. */
function angleGap(a: number, b: number): number {
  const d = (a - b) % (2 * Math.PI);
  if (d > Math.PI) return d - 2 * Math.PI;
  if (d <= -Math.PI) return d + 2 * Math.PI;
  return d;
}

describe('makeToy', () => {
  for (const kind of ToyKinds) {
    it(`${kind}: is deterministic per seed and has the requested shape`, () => {
      const a = makeToy(recipe(kind, { noise: 0.2 }));
      const b = makeToy(recipe(kind, { noise: 0.2 }));
      const c = makeToy(recipe(kind, { noise: 0.2, seed: 4 }));

      expect(a.X).toEqual(b.X);
      expect(a.y).toEqual(b.y);
      expect(a.X).not.toEqual(c.X);
      expect(a.X.length).toBe(202);
      expect(a.y.length).toBe(101);
      expect(a.nFeatures).toBe(2);
      expect(a.X.every(Number.isFinite)).toBe(true);
    });

    it(`${kind}: shares samples evenly among its classes`, () => {
      const data = makeToy(recipe(kind));
      const counts = [0, 0];
      for (const label of data.y) counts[label]++;

      expect(data.nClasses).toBe(2);
      expect(counts).toEqual([51, 50]);
    });
  }

  it('circles: puts noiseless points on radius 1 (class 0) and ½ (class 1)', () => {
    for (const [x, y, label] of points(makeToy(recipe('circles')))) {
      expect(Math.hypot(x, y)).toBeCloseTo(label === 0 ? 1 : 0.5, 12);
    }
  });

  it('moons: puts noiseless points on the two half circles', () => {
    for (const [x, y, label] of points(makeToy(recipe('moons')))) {
      if (label === 0) {
        expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
        expect(y).toBeGreaterThanOrEqual(-1e-12);
      } else {
        expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 12);
        expect(y).toBeLessThanOrEqual(0.5 + 1e-12);
      }
    }
  });

  it('xor: labels noiseless points by the signs of their coordinates', () => {
    for (const [x, y, label] of points(makeToy(recipe('xor')))) {
      expect(x * y >= 0 ? 0 : 1).toBe(label);
      expect(Math.max(Math.abs(x), Math.abs(y))).toBeLessThanOrEqual(1);
    }
  });

  it('spiral: puts noiseless points on their arm for any class count', () => {
    const data = makeToy(recipe('spiral', { nClasses: 4, nSamples: 200 }));
    const counts = [0, 0, 0, 0];

    for (const [x, y, label] of points(data)) {
      counts[label]++;
      const radius = Math.hypot(x, y);
      const angle =
        (2 * Math.PI * label) / 4 + 2 * Math.PI * SPIRAL_TURNS * radius;
      expect(Math.abs(angleGap(Math.atan2(y, x), angle))).toBeLessThan(1e-9);
    }
    expect(counts).toEqual([50, 50, 50, 50]);
  });

  it('gaussians: centres each class on its point of the circle', () => {
    const data = makeToy(recipe('gaussians', { nClasses: 3, nSamples: 3000 }));

    for (let c = 0; c < 3; c++) {
      const members = points(data).filter(([, , label]) => label === c);
      const meanX = members.reduce((s, [x]) => s + x, 0) / members.length;
      const meanY = members.reduce((s, [, y]) => s + y, 0) / members.length;
      const angle = (2 * Math.PI * c) / 3;

      expect(members.length).toBe(1000);
      expect(meanX).toBeCloseTo(GAUSSIAN_RADIUS * Math.cos(angle), 1);
      expect(meanY).toBeCloseTo(GAUSSIAN_RADIUS * Math.sin(angle), 1);
    }
  });

  it('keeps the same points when only the noise changes, then perturbs them', () => {
    const clean = makeToy(recipe('circles'));
    const noisy = makeToy(recipe('circles', { noise: 0.1 }));
    let moved = 0;
    for (let i = 0; i < clean.X.length; i++) {
      moved = Math.max(moved, Math.abs(clean.X[i] - noisy.X[i]));
    }

    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(1);
  });

  it('refuses a class count the shape cannot have', () => {
    expect(() => makeToy(recipe('moons', { nClasses: 3 }))).toThrow(
      /^nClasses: moons has exactly 2 classes, got 3$/,
    );
    expect(() =>
      makeToy(recipe('spiral', { nClasses: 5, nSamples: 4 })),
    ).toThrow(/^nClasses: 5 classes need at least 5 samples/);
  });
});
